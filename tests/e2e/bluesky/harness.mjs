// A loopback Bluesky network (PLC, PDS, AppView, Ozone, bsync) for murre's
// end-to-end tests, seeded through the real XRPC API.
//
// Prints READY on stdout once run/bluesky.json is written; runs until SIGTERM
// or SIGINT. Needs Node >= 22.19 and Postgres at $DB_POSTGRES_URL.
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const HOST = '127.0.0.1'
const PORTS = { plc: 2582, pds: 2583, appview: 2584, ozone: 2587 }
// Ports the network otherwise picks at random (third-party PDS, bsync,
// AppView dataplane): handed out in this order to listen(0) calls.
const SPARE_PORTS = [2585, 2586, 2588, 2589, 2590, 2591, 2592]
const PASSWORDS = { alice: 'alice-pass', bob: 'bob-pass', carol: 'carol-pass' }
const DEADLINE_MS = Number(process.env.SEED_DEADLINE_MS || 30000)

const here = path.dirname(fileURLToPath(import.meta.url))
const runDir = process.env.E2E_RUN_DIR || path.resolve(here, '../run')
const log = (...a) => console.error('[harness]', ...a)

// --- loopback only -----------------------------------------------------------
// The atproto servers call listen(port) with no host, which binds every
// interface. Force 127.0.0.1, and give port-0 requests a fixed spare port.
const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]'])
const spare = [...SPARE_PORTS]
const nextSpare = () => {
  const p = spare.shift()
  if (p === undefined) throw new Error('harness: out of spare ports')
  return p
}
const origListen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  const a0 = args[0]
  if (a0 !== null && typeof a0 === 'object' && !a0.path && !a0.fd && !a0._handle) {
    const opts = { ...a0 }
    if (!opts.host || WILDCARD.has(opts.host)) opts.host = HOST
    if (!opts.port) opts.port = nextSpare()
    args[0] = opts
  } else if (args.length === 0 || typeof a0 === 'function') {
    args.unshift(nextSpare(), HOST)
  } else if (typeof a0 === 'number' || /^\d+$/.test(String(a0))) {
    if (Number(a0) === 0) args[0] = nextSpare()
    if (typeof args[1] === 'string') {
      if (WILDCARD.has(args[1])) args[1] = HOST
    } else {
      args.splice(1, 0, HOST)
    }
  }
  return origListen.apply(this, args)
}

// Temp files (PDS data, port locks) stay inside the run folder.
process.env.TMPDIR = path.join(runDir, 'tmp')
fs.rmSync(process.env.TMPDIR, { recursive: true, force: true })
fs.mkdirSync(process.env.TMPDIR, { recursive: true })
// Only checked for presence: nothing here uses Redis.
process.env.REDIS_HOST ??= 'unused'

const { TestNetwork } = await import('@atproto/dev-env')
const { AtpAgent, RichText } = await import('@atproto/api')
const { default: sharp } = await import('sharp')

// --- start -------------------------------------------------------------------
const t0 = Date.now()
const dbUrl = process.env.DB_POSTGRES_URL
if (!dbUrl) throw new Error('harness: DB_POSTGRES_URL is not set')
const network = await TestNetwork.create({
  dbPostgresUrl: dbUrl,
  dbPostgresSchema: 'murre',
  plc: { port: PORTS.plc },
  // Return the DID document with sessions, as the main Bluesky PDS does.
  pds: { port: PORTS.pds, enableDidDocWithSession: true },
  bsky: { port: PORTS.appview, publicUrl: `http://${HOST}:${PORTS.appview}` },
  ozone: { port: PORTS.ozone },
})
log(`network up in ${Date.now() - t0} ms`)

let closing = false
const shutdown = async (sig) => {
  if (closing) return
  closing = true
  log(`${sig}: closing`)
  const force = setTimeout(() => {
    log('close took too long, exiting')
    process.exit(1)
  }, 15000)
  force.unref()
  try {
    await network.close()
  } catch (err) {
    log('close failed:', err)
  }
  process.exit(0)
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))

// --- seed --------------------------------------------------------------------
const pdsUrl = `http://${HOST}:${PORTS.pds}`
const clients = {}
const users = {}
for (const name of ['alice', 'bob', 'carol']) {
  const agent = new AtpAgent({ service: pdsUrl })
  await agent.createAccount({
    handle: `${name}.test`,
    email: `${name}@murre.test`,
    password: PASSWORDS[name],
  })
  clients[name] = agent
  users[name] = { handle: `${name}.test`, did: agent.session.did, password: PASSWORDS[name] }
}
const { alice, bob, carol } = clients

// createdAt runs one minute apart from two hours ago, so the timeline order
// is the seeding order (newest last).
let clock = Date.now() - 2 * 3600 * 1000
const nextTime = () => new Date((clock += 60 * 1000)).toISOString()

const posts = []
const post = async (agent, text, extra = {}) => {
  const rt = new RichText({ text })
  await rt.detectFacets(agent)
  const record = {
    $type: 'app.bsky.feed.post',
    text: rt.text,
    createdAt: nextTime(),
    ...(rt.facets?.length ? { facets: rt.facets } : {}),
    ...extra,
  }
  const ref = await agent.post(record)
  posts.push(ref.uri)
  return ref
}
const strongRef = ({ uri, cid }) => ({ uri, cid })

const image = async (w, h, hue) => {
  const px = Buffer.alloc(w * h * 3)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3
      px[i] = (x * 255) / w
      px[i + 1] = (y * 255) / h
      px[i + 2] = hue
    }
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 80 }).toBuffer()
}
const upload = async (agent, bytes) =>
  (await agent.uploadBlob(bytes, { encoding: 'image/jpeg' })).data.blob

await alice.follow(users.bob.did)
await alice.follow(users.carol.did)
await bob.follow(users.alice.did)

// Older filler: 60 plain posts, one in five by alice. The AppView fills a
// timeline page with at most 10 of the viewer's own posts when followed
// accounts fill it, and silently skips the rest: keep alice below that.
const authors = ['bob', 'carol', 'bob', 'carol', 'alice']
for (let i = 1; i <= 60; i++) {
  const who = authors[i % 5]
  await post(clients[who], `${who} filler post ${i} of 60: nothing to see here.`)
}

// Newer posts with the shapes a client must render.
const named = {}
named.plain = await post(alice, 'Hello from alice. A plain post with no facets at all.')
named.emoji = await post(
  alice,
  'Family 👨‍👩‍👧‍👦, wave 👋🏽 and a flag 🇫🇮: emoji widths are hard.',
)
named.cjk_link = await post(bob, '日本語のテキスト、そしてリンク https://example.com/murre/日本 です', {
  langs: ['ja'],
})
named.mention = await post(alice, 'Mentioning @bob.test — does the facet land on the right bytes?')
named.hashtag = await post(carol, 'Trying a tag: #murre and #テスト after ünïcödé.')
named.thread_root = await post(alice, 'Thread root: who wants to test replies?')
named.thread_reply = await post(bob, 'Reply from bob to alice.', {
  reply: { root: strongRef(named.thread_root), parent: strongRef(named.thread_root) },
})
named.thread_reply2 = await post(carol, 'Reply from carol to bob, still in alice’s thread.', {
  reply: { root: strongRef(named.thread_root), parent: strongRef(named.thread_reply) },
})
named.quote = await post(carol, 'Quoting bob’s link post.', {
  embed: { $type: 'app.bsky.embed.record', record: strongRef(named.cjk_link) },
})
const photo = await upload(alice, await image(640, 360, 180))
named.image = await post(alice, 'A post with one image.', {
  embed: {
    $type: 'app.bsky.embed.images',
    images: [
      {
        alt: 'A gradient from black to red, green and teal.',
        image: photo,
        aspectRatio: { width: 640, height: 360 },
      },
    ],
  },
})
const thumb = await upload(bob, await image(200, 200, 60))
named.link_card = await post(bob, 'A link card: https://example.com/murre', {
  embed: {
    $type: 'app.bsky.embed.external',
    external: {
      uri: 'https://example.com/murre',
      title: 'murre: a terminal social client',
      description: 'Reads Mastodon, Bluesky and Tumblr in one timeline.',
      thumb,
    },
  },
})
named.escape = await post(
  carol,
  'Escape test: \u001b[31mred\u001b[0m \u001b]8;;http://evil.test\u0007click\u001b]8;;\u0007 end.',
)

// Interactions.
await carol.repost(named.plain.uri, named.plain.cid)
for (const k of ['plain', 'emoji', 'image', 'thread_root']) {
  await bob.like(named[k].uri, named[k].cid)
}
await bob.like(named.hashtag.uri, named.hashtag.cid)
await alice.like(named.thread_reply.uri, named.thread_reply.cid)
await carol.like(named.image.uri, named.image.cid)

// --- lists and custom feeds --------------------------------------------------
// A feed generator on the local PLC (dev-env's TestFeedGen): "murre-e2e" serves
// every seeded post, newest first, 20 a page with an offset cursor; "murre-down"
// fails as a generator that is down does. alice saves both (the first pinned).
const feedUri = (rkey) => `at://${users.alice.did}/app.bsky.feed.generator/${rkey}`
const feedPage = async ({ params }) => {
  const all = [...posts].reverse()
  const start = Number(params.cursor ?? 0) || 0
  const page = all.slice(start, start + Math.min(params.limit ?? 50, 20))
  const next = start + page.length
  const cursor = next < all.length ? { cursor: String(next) } : {}
  return { encoding: 'application/json', body: { feed: page.map((post) => ({ post })), ...cursor } }
}
const generator = await network.createFeedGen({
  [feedUri('murre-e2e')]: feedPage,
  [feedUri('murre-down')]: async () => {
    throw new Error('the generator is down')
  },
})
const generatorRecord = (displayName) => ({
  $type: 'app.bsky.feed.generator',
  did: generator.did,
  displayName,
  description: 'murre end-to-end feed',
  createdAt: new Date().toISOString(),
})
for (const [rkey, name] of [['murre-e2e', 'murre e2e フィード 🐦'], ['murre-down', 'murre down']]) {
  await alice.com.atproto.repo.putRecord({
    repo: users.alice.did,
    collection: 'app.bsky.feed.generator',
    rkey,
    record: generatorRecord(name),
  })
}
// alice's list of bob (a curation list), and a list made and deleted again.
const listRecord = (name) => ({
  $type: 'app.bsky.graph.list',
  purpose: 'app.bsky.graph.defs#curatelist',
  name,
  createdAt: new Date().toISOString(),
})
const list = await alice.com.atproto.repo.createRecord({
  repo: users.alice.did,
  collection: 'app.bsky.graph.list',
  record: listRecord('Friends 友達 👩‍👩‍👧 \u001b[31mred'),
})
await alice.com.atproto.repo.createRecord({
  repo: users.alice.did,
  collection: 'app.bsky.graph.listitem',
  record: { $type: 'app.bsky.graph.listitem', subject: users.bob.did, list: list.data.uri, createdAt: new Date().toISOString() },
})
const gone = await alice.com.atproto.repo.createRecord({
  repo: users.alice.did,
  collection: 'app.bsky.graph.list',
  record: listRecord('Deleted list'),
})
await alice.com.atproto.repo.deleteRecord({
  repo: users.alice.did,
  collection: 'app.bsky.graph.list',
  rkey: gone.data.uri.split('/').pop(),
})
await alice.app.bsky.actor.putPreferences({
  preferences: [
    {
      $type: 'app.bsky.actor.defs#savedFeedsPrefV2',
      items: [
        { type: 'timeline', value: 'following', pinned: true, id: 'home' },
        { type: 'feed', value: feedUri('murre-e2e'), pinned: true, id: 'e2e' },
        { type: 'feed', value: feedUri('murre-down'), pinned: false, id: 'down' },
      ],
    },
  ],
})
const feeds = {
  custom: feedUri('murre-e2e'),
  down: feedUri('murre-down'),
  list: list.data.uri,
  deleted_list: gone.data.uri,
  generator_did: generator.did,
}

const appPw = await alice.com.atproto.server.createAppPassword({ name: 'murre-e2e' })
users.alice.app_password = appPw.data.password
log(`seeded ${posts.length} posts in ${Date.now() - t0} ms`)

// --- wait until the AppView has it all -------------------------------------
// alice follows both others, so every seeded post belongs in her timeline,
// plus carol's repost of alice's plain post. Page as a client would (30).
const viewer = new AtpAgent({ service: pdsUrl })
await viewer.login({ identifier: 'alice.test', password: PASSWORDS.alice })
const deadline = Date.now() + DEADLINE_MS
let timelineSize = 0
for (;;) {
  const seen = new Set()
  let repostSeen = false
  let cursor
  let items = 0
  for (let page = 0; page < 10; page++) {
    const { data } = await viewer.app.bsky.feed.getTimeline({ limit: 30, cursor })
    for (const item of data.feed) {
      items++
      seen.add(item.post.uri)
      if (item.reason?.$type === 'app.bsky.feed.defs#reasonRepost') repostSeen = true
    }
    cursor = data.cursor
    if (!cursor || data.feed.length === 0) break
  }
  const missing = posts.filter((u) => !seen.has(u)).length
  if (missing === 0 && repostSeen) {
    timelineSize = items
    break
  }
  if (Date.now() > deadline) {
    throw new Error(`timeline still misses ${missing} posts (repost seen: ${repostSeen})`)
  }
  await new Promise((r) => setTimeout(r, 200))
}
log(`alice's timeline has ${timelineSize} items after ${Date.now() - t0} ms`)

// The list feed and the custom feed answer once the AppView indexed them.
for (;;) {
  try {
    const listFeed = await viewer.app.bsky.feed.getListFeed({ list: feeds.list, limit: 5 })
    const custom = await viewer.app.bsky.feed.getFeed({ feed: feeds.custom, limit: 5 })
    const deleted = await viewer.app.bsky.graph.getList({ list: feeds.deleted_list, limit: 1 }).then(
      () => false,
      () => true,
    )
    if (listFeed.data.feed.length > 0 && custom.data.feed.length > 0 && deleted) break
  } catch (err) {
    if (Date.now() > deadline + DEADLINE_MS) throw err
  }
  if (Date.now() > deadline + DEADLINE_MS) throw new Error('the list and custom feeds never answered')
  await new Promise((r) => setTimeout(r, 200))
}
log(`list and custom feed answer after ${Date.now() - t0} ms`)

// --- hand over ---------------------------------------------------------------
const state = {
  pds: pdsUrl,
  appview: `http://${HOST}:${PORTS.appview}`,
  plc: `http://${HOST}:${PORTS.plc}`,
  users,
  seeded_posts: posts.length,
  timeline_items: timelineSize,
  posts: Object.fromEntries(Object.entries(named).map(([k, v]) => [k, v.uri])),
  feeds,
}
fs.mkdirSync(runDir, { recursive: true })
const out = path.join(runDir, 'bluesky.json')
fs.writeFileSync(`${out}.tmp`, JSON.stringify(state, null, 2) + '\n')
fs.renameSync(`${out}.tmp`, out)
console.log('READY')
