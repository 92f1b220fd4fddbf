/*
 * The payment step while the avvisi are being made at the intermediary:
 * reloads the page every 5 seconds, for two minutes at most (the page
 * keeps its "Aggiorna la pagina" link).
 */
;(() => {
  if (!document.querySelector('[data-creating]')) {
    sessionStorage.removeItem('payment-step-reloads')
    return
  }
  const reloads = Number(sessionStorage.getItem('payment-step-reloads') || 0)
  if (reloads >= 24) return
  setTimeout(() => {
    sessionStorage.setItem('payment-step-reloads', String(reloads + 1))
    window.location.reload()
  }, 5000)
})()
