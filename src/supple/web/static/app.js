// Registers the service worker that lets a started session carry on offline. Only in
// secure contexts (this computer, or the https address on the LAN); elsewhere the
// browser has no service workers and the app works online as before.
"use strict";
if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}

// Reminder files are written in the time zone of the device that downloads them (the
// phone's, which may differ from the computer's); without script the server decides.
for (const field of document.querySelectorAll('input[data-fill="time-zone"]')) {
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (_) {
    field.value = "";
  }
}
