// Registers the service worker that lets a started session carry on offline. Only in
// secure contexts (this computer, or the https address on the LAN); elsewhere the
// browser has no service workers and the app works online as before.
"use strict";
if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}
