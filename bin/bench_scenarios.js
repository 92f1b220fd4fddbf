/**
 * What `npm run bench` measures. Each scenario runs next to the bare route
 * on the same server; later features add their own entries.
 */
export const SCENARIOS = [
  { name: "Home page dell'ente", path: '/bench-ente-1/', bare: '/health/live' },
]
