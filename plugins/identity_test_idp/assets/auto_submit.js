// Posts the SAML answer on its way as soon as the page loads (the button stays for browsers without JavaScript).
document.addEventListener('DOMContentLoaded', () => {
  for (const form of document.querySelectorAll('form[data-auto-submit]')) form.submit()
})
