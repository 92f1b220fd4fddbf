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
          // Bootstrap Italia's primary blue, and a light fill of it
          borderColor: '#0066cc',
          backgroundColor: 'rgba(0, 102, 204, 0.12)',
          pointBackgroundColor: '#0066cc',
          fill: true,
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
