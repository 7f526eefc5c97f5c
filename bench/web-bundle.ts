// Web bundle benchmark: the JavaScript (gzip) the visitor's path loads, step by step — invite
// page, waiting room, video room on p2p or on LiveKit — against a page that renders only
// LiveKit's <LiveKitRoom> + <VideoConference> prefab. Both are built here, with the same Vite,
// into bench/results/ (the app's own dist/ is left alone).
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import {
  fmt,
  infoRow,
  repoRoot,
  targetRow,
  resultsDir,
  runIfMain,
  type BenchResult,
} from './support/result.ts';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const webRoot = path.join(repoRoot, 'apps/web');

/** The prefab page: nothing but LiveKit's room and its ready-made conference UI. */
const PREFAB_MAIN = `import { createRoot } from 'react-dom/client';
import { LiveKitRoom, VideoConference } from '@livekit/components-react';
import '@livekit/components-styles';

const params = new URLSearchParams(location.search);
createRoot(document.getElementById('root')).render(
  <LiveKitRoom serverUrl={params.get('url') ?? ''} token={params.get('token') ?? ''} connect video audio data-lk-theme="default">
    <VideoConference />
  </LiveKitRoom>,
);
`;
const PREFAB_HTML = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>LiveKit prefab</title></head>
<body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>
`;

const gzipBytes = (dist: string, file: string) =>
  gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;

/** JS and CSS files the given manifest keys load, with their static imports. */
function closure(manifest: Manifest, keys: string[]) {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key} in the build manifest`);
    if (js.has(chunk.file)) return;
    js.add(chunk.file);
    chunk.css?.forEach((f) => css.add(f));
    chunk.imports?.forEach(visit);
  };
  keys.forEach(visit);
  return { js: [...js], css: [...css] };
}

function sizes(dist: string, manifest: Manifest, keys: string[]) {
  const files = closure(manifest, keys);
  const sum = (list: string[]) => list.reduce((n, f) => n + gzipBytes(dist, f), 0);
  return { js: sum(files.js), css: sum(files.css), files: files.js };
}

const readManifest = (dist: string) =>
  JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;

const waitingRoomKey = (m: Manifest) => {
  const key = Object.keys(m).find((k) => /^_waiting-room-.*\.js$/.test(k));
  if (!key) throw new Error('no waiting-room chunk in the build manifest');
  return key;
};

/** Runs the bundle benchmark. */
export async function run(): Promise<BenchResult> {
  const started = Date.now();
  const webDist = path.join(resultsDir, 'web-dist');
  const prefabSrc = path.join(resultsDir, 'prefab-src');
  const prefabDist = path.join(resultsDir, 'prefab-dist');
  await build({
    root: webRoot,
    configFile: path.join(webRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDist, emptyOutDir: true, sourcemap: false },
  });
  await rm(prefabSrc, { recursive: true, force: true });
  await mkdir(prefabSrc, { recursive: true });
  await writeFile(path.join(prefabSrc, 'index.html'), PREFAB_HTML);
  await writeFile(path.join(prefabSrc, 'main.jsx'), PREFAB_MAIN);
  await build({
    root: prefabSrc,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: prefabDist, emptyOutDir: true, manifest: true },
  });

  const web = readManifest(webDist);
  const entry = Object.keys(web).find((k) => web[k]?.isEntry) as string;
  const room = 'src/rooms/video-room/VideoRoom.tsx';
  const steps = {
    invitePage: sizes(webDist, web, [entry]),
    waitingRoom: sizes(webDist, web, [entry, waitingRoomKey(web)]),
    p2pCall: sizes(webDist, web, [
      entry,
      waitingRoomKey(web),
      room,
      'src/rooms/p2p/P2PVideoRoom.tsx',
    ]),
    livekitCall: sizes(webDist, web, [
      entry,
      waitingRoomKey(web),
      room,
      'src/rooms/livekit/LiveKitVideoRoom.tsx',
    ]),
  };
  const prefabManifest = readManifest(prefabDist);
  const prefabEntry = Object.keys(prefabManifest).find((k) => prefabManifest[k]?.isEntry) as string;
  const prefab = sizes(prefabDist, prefabManifest, [prefabEntry]);
  const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
  const vs = (bytes: number) => `${kb(bytes)} (${fmt((100 * bytes) / prefab.js)}% of the prefab)`;
  return {
    name: 'Web bundle',
    rows: [
      infoRow('visitor: invite page, initial JS gzip', vs(steps.invitePage.js)),
      infoRow('visitor: + waiting room', vs(steps.waitingRoom.js)),
      infoRow('visitor: + video room, p2p (whole path)', vs(steps.p2pCall.js)),
      infoRow('visitor: + video room, LiveKit (whole path)', vs(steps.livekitCall.js)),
      infoRow('LiveKitRoom + VideoConference prefab page, JS gzip', kb(prefab.js)),
      targetRow(
        'ratio LiveKit visitor path ÷ prefab page (JS gzip)',
        steps.livekitCall.js / prefab.js,
        '',
        0.8,
        'lower',
        2,
      ),
      infoRow('CSS gzip: invite page / prefab', `${kb(steps.invitePage.css)} / ${kb(prefab.css)}`),
    ],
    notes: [
      'gzip level 9 of each file; a step counts every chunk loaded so far (static imports included)',
    ],
    raw: { steps, prefab },
    seconds: (Date.now() - started) / 1000,
  };
}

runIfMain(import.meta.url, 'web-bundle', () => run());
