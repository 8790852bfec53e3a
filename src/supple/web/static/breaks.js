// Movement-break reminders while Supple is open (issue 17). The break days and times come
// from /breaks/schedule.json and are read as this browser's local clock (the settings
// form sends the browser's time zone). At a break a banner appears at the top of the
// page; a notification is shown too, only if the person allowed it with the button on
// /breaks (the browser is asked only after that click, never on its own).
"use strict";
(() => {
  const CODES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  const TITLE_MARK = "Break time · ";
  const LONGEST_WAIT_MS = 15 * 60 * 1000; // re-check often: a sleeping laptop stops timers
  let schedule = null;
  let timer = null;

  function nextBreak(breaks, now) {
    for (let offset = 0; offset < 8; offset++) {
      const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
      if (!breaks.days.includes(CODES[day.getDay()])) continue;
      for (const time of breaks.times) {
        const [hour, minute] = time.split(":").map(Number);
        const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute);
        if (at > now) return at;
      }
    }
    return null;
  }

  function notificationsAllowed() {
    return "Notification" in window && Notification.permission === "granted";
  }

  function notify(text) {
    const options = { body: text, tag: "supple-break", icon: "/static/icon-192.png" };
    const fallback = () => {
      try {
        new Notification("Time for a movement break", options);
      } catch (_) {
        // Some phones allow notifications only through a service worker; the banner stays.
      }
    };
    if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
      navigator.serviceWorker.ready
        .then((registration) => registration.showNotification("Time for a movement break", options))
        .catch(fallback);
    } else {
      fallback();
    }
  }

  function banner(text) {
    let box = document.getElementById("break-banner");
    if (!box) {
      box = document.createElement("div");
      box.id = "break-banner";
      box.className = "notice info break-banner";
      box.setAttribute("role", "alert");
      const heading = document.createElement("p");
      heading.className = "break-banner-title";
      const words = document.createElement("p");
      const actions = document.createElement("p");
      const link = document.createElement("a");
      link.href = "/breaks";
      link.textContent = "See the break moves";
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "Done, hide this";
      close.addEventListener("click", () => {
        box.remove();
        document.title = document.title.replace(TITLE_MARK, "");
      });
      actions.append(link, " ", close);
      box.append(heading, words, actions);
      const main = document.getElementById("main");
      main.insertBefore(box, main.firstChild);
    }
    box.children[0].textContent = "Time for a movement break";
    box.children[1].textContent = text;
    // In the page's flow, never over what the person is reading; the tab's title says
    // it too, for someone scrolled down or in another tab.
    if (!document.title.startsWith(TITLE_MARK)) document.title = TITLE_MARK + document.title;
  }

  function remind() {
    const text = schedule.what || "Stand up and move for a minute or two.";
    banner(text);
    if (notificationsAllowed()) notify(text);
  }

  function plan() {
    clearTimeout(timer);
    if (!schedule || !schedule.breaks) return;
    const now = new Date();
    const at = nextBreak(schedule.breaks, now);
    if (!at) return;
    const wait = at - now;
    if (wait > LONGEST_WAIT_MS) {
      timer = setTimeout(plan, LONGEST_WAIT_MS);
      return;
    }
    timer = setTimeout(() => {
      remind();
      plan();
    }, wait);
  }

  function setUpButton() {
    const button = document.getElementById("break-notify");
    const status = document.getElementById("break-notify-status");
    if (!button || !status || !("Notification" in window)) return;
    const show = () => {
      const state = Notification.permission;
      button.hidden = state !== "default";
      if (state === "granted") {
        status.textContent =
          "While Supple is open, you get a notification and a banner at each break.";
      } else if (state === "denied") {
        status.textContent =
          "This browser blocks notifications from Supple, so a banner at the top of the page tells you instead.";
      }
    };
    button.addEventListener("click", () => {
      const asked = Notification.requestPermission(show);
      if (asked && asked.then) asked.then(show);
    });
    show();
  }

  setUpButton();
  // A session being played is a movement break already, and may be offline.
  if (/^\/(session|play)(\/|$)/.test(location.pathname)) return;
  fetch("/breaks/schedule.json", { headers: { accept: "application/json" }, cache: "no-store" })
    .then((response) => (response.ok ? response.json() : null))
    .then((found) => {
      schedule = found;
      plan();
    })
    .catch(() => {});
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") plan();
  });
})();
