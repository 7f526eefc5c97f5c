// The web app is written against React's API and runs on Preact (preact/compat): the same hooks,
// Suspense and lazy, at a fraction of React DOM's size on a visitor's phone. The build and the
// unit tests resolve React's module names to Preact's, so what is tested is what ships; the type
// checker does the same (tsconfig.json `paths`, `jsxImportSource`).

/** Vite aliases from React's module names to Preact's. */
export const reactOnPreact = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/server$/, replacement: 'preact/compat/server' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react(-dom)?$/, replacement: 'preact/compat' },
];
