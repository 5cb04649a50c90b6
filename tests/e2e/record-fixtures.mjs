// Records raw JSON from the running end-to-end servers into tests/fixtures/.
// Run through record-fixtures.sh (after start.sh).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const e2e = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.resolve(e2e, '../fixtures')
const bsky = JSON.parse(fs.readFileSync(path.join(e2e, 'run/bluesky.json'), 'utf8'))
const masto = JSON.parse(fs.readFileSync(path.join(e2e, 'run/mastodon.json'), 'utf8'))

const write = (dir, name, body) => {
  fs.mkdirSync(path.join(fixtures, dir), { recursive: true })
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2)
  fs.writeFileSync(path.join(fixtures, dir, name), text.endsWith('\n') ? text : text + '\n')
  console.log(`wrote tests/fixtures/${dir}/${name}`)
}

const call = async (url, init = {}) => {
  const res = await fetch(url, init)
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${await res.text()}`)
  return { json: await res.json(), headers: res.headers }
}

// --- Bluesky: through the PDS, without an atproto-proxy header ---------------
const xrpc = (nsid, params = {}) => `${bsky.pds}/xrpc/${nsid}?${new URLSearchParams(params)}`
const alice = bsky.users.alice
const { json: session } = await call(`${bsky.pds}/xrpc/com.atproto.server.createSession`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ identifier: alice.handle, password: alice.password }),
})
const auth = { headers: { authorization: `Bearer ${session.accessJwt}` } }
write('bluesky', 'createSession.json', {
  ...session,
  accessJwt: 'REDACTED-ACCESS-JWT',
  refreshJwt: 'REDACTED-REFRESH-JWT',
})
const page1 = (await call(xrpc('app.bsky.feed.getTimeline', { limit: 30 }), auth)).json
write('bluesky', 'getTimeline-page1.json', page1)
const page2 = (await call(xrpc('app.bsky.feed.getTimeline', { limit: 30, cursor: page1.cursor }), auth)).json
write('bluesky', 'getTimeline-page2.json', page2)
const thread = (await call(xrpc('app.bsky.feed.getPostThread', { uri: bsky.posts.thread_root }), auth)).json
write('bluesky', 'getPostThread.json', thread)
const profile = (await call(xrpc('app.bsky.actor.getProfile', { actor: alice.handle }), auth)).json
write('bluesky', 'getProfile.json', profile)

// --- Mastodon API mock -------------------------------------------------------
const ada = { headers: { authorization: `Bearer ${masto.tokens.ada}` } }
const home = await call(`${masto.url}/api/v1/timelines/home`, ada)
write('mastodon-mock', 'timelines-home.json', home.json)
write('mastodon-mock', 'timelines-home.link', home.headers.get('link') ?? '')
const home5 = await call(`${masto.url}/api/v1/timelines/home?limit=5`, ada)
write('mastodon-mock', 'timelines-home-limit5.json', home5.json)
write('mastodon-mock', 'timelines-home-limit5.link', home5.headers.get('link') ?? '')
write('mastodon-mock', 'instance-v1.json', (await call(`${masto.url}/api/v1/instance`)).json)
write('mastodon-mock', 'instance-v2.json', (await call(`${masto.url}/api/v2/instance`)).json)
write(
  'mastodon-mock',
  'verify_credentials.json',
  (await call(`${masto.url}/api/v1/accounts/verify_credentials`, ada)).json,
)
// A reply in the middle of a thread has both ancestors and descendants.
const inThread =
  home.json.find((s) => s.in_reply_to_id && home.json.some((t) => t.in_reply_to_id === s.id)) ??
  home.json.find((s) => s.in_reply_to_id) ??
  home.json[0]
write(
  'mastodon-mock',
  'status-context.json',
  (await call(`${masto.url}/api/v1/statuses/${inThread.id}/context`, ada)).json,
)
write('mastodon-mock', 'status-context.status.json', inThread)
