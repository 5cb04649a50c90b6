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

// A fresh account's preferences as the PDS keeps and returns them: set the way Bluesky's app sets
// them (putPreferences, muted words with ids, targets and an expiry), then read back.
const prefsHandle = `prefs${Date.now() % 1e9}.test`
const { json: made } = await call(`${bsky.pds}/xrpc/com.atproto.server.createAccount`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ handle: prefsHandle, email: `${prefsHandle}@murre.test`, password: 'fixture-pass' }),
})
const asNew = { authorization: `Bearer ${made.accessJwt}`, 'content-type': 'application/json' }
const later = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString()
const earlier = new Date(Date.now() - 24 * 3600 * 1000).toISOString()
const put = await fetch(`${bsky.pds}/xrpc/app.bsky.actor.putPreferences`, {
  method: 'POST',
  headers: asNew,
  body: JSON.stringify({
    preferences: [
      { $type: 'app.bsky.actor.defs#adultContentPref', enabled: false },
      { $type: 'app.bsky.actor.defs#contentLabelPref', label: 'nudity', visibility: 'hide' },
      { $type: 'app.bsky.actor.defs#contentLabelPref', label: 'gore', visibility: 'warn' },
      {
        $type: 'app.bsky.actor.defs#contentLabelPref',
        labelerDid: 'did:plc:ar7c4by46qjdydhdevvrndac',
        label: 'rude',
        visibility: 'hide',
      },
      {
        $type: 'app.bsky.actor.defs#mutedWordsPref',
        items: [
          { id: '1', value: 'zebra', targets: ['content', 'tag'], actorTarget: 'all' },
          { id: '2', value: 'spoilers', targets: ['tag'], actorTarget: 'exclude-following', expiresAt: later },
          { id: '3', value: 'yesterday', targets: ['content'], actorTarget: 'all', expiresAt: earlier },
          { id: '4', value: '猫', targets: ['content'], actorTarget: 'all' },
        ],
      },
      { $type: 'app.bsky.actor.defs#hiddenPostsPref', items: [bsky.posts.plain] },
      {
        $type: 'app.bsky.actor.defs#savedFeedsPrefV2',
        items: [{ type: 'timeline', value: 'following', pinned: true, id: 'home' }],
      },
    ],
  }),
})
if (!put.ok) throw new Error(`putPreferences: HTTP ${put.status} ${await put.text()}`)
const prefs = (await call(xrpc('app.bsky.actor.getPreferences'), { headers: asNew })).json
write('bluesky', 'getPreferences.json', prefs)

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
