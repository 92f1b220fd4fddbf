/*
 * The landing page after the checkout, while the outcome is not known:
 * asks the status route every 2 seconds and reloads the page (which shows
 * the outcome) once it says done. Stops after 10 minutes; the page keeps
 * its "Aggiorna" link.
 */
;(() => {
  const landing = document.querySelector('[data-landing]')
  if (!landing || landing.dataset.done === 'true') return
  const url = landing.dataset.statusUrl
  const started = Date.now()

  async function check() {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' })
      if (response.ok && (await response.json()).done) {
        window.location.reload()
        return
      }
    } catch {
      // a network hiccup: the next round tries again
    }
    if (Date.now() - started < 10 * 60 * 1000) setTimeout(check, 2000)
  }
  setTimeout(check, 2000)
})()
