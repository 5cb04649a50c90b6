//! Loopback servers that speak each network's real wire protocol over bundled sample data.
