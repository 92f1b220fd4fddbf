/*
 * Statistiche: draws "Andamento delle pratiche" with Chart.js from the
 * JSON block the page carries (#statistiche-data). The same figures are in
 * the table under the chart.
 */
;(function () {
  const canvas = document.getElementById('statistiche-chart')
  const source = document.getElementById('statistiche-data')
  if (!canvas || !source || typeof window.Chart !== 'function') return
  const data = JSON.parse(source.textContent || '{}')
  const primary = getComputedStyle(document.documentElement).getPropertyValue('--bs-primary').trim() || '#0066cc'

  window.Chart.defaults.font.family = "'Titillium Web', Geneva, Tahoma, sans-serif"
  window.Chart.defaults.color = '#1a1a1a'
  const chart = new window.Chart(canvas, {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        {
          label: 'Pratiche inserite',
          data: data.counts,
          borderColor: primary,
          backgroundColor: primary + '33',
          fill: true,
          tension: 0.2,
          pointRadius: 3,
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  })
  canvas.dataset.rendered = String(chart.data.labels.length)
})()
