// The quiz pages' two enhancements. Both pages work without them: the server keeps the time and
// saves each answer when the learner selects Continue.
//
// app-timer: counts down the time left in `role="timer"` (which screen readers do not announce),
// announces it in a polite live region at 10, 5, 2 and 1 minutes and 30 seconds, and opens the
// result when the time is up (the server closes the attempt at its deadline).
//
// app-answer-autosave: saves the answer as soon as it changes, so nothing is lost if the tab closes
// before Continue. The response says only whether it was saved, never whether it is right.

const ANNOUNCE_AT = [600, 300, 120, 60, 30];

function inWords(seconds) {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (rest) parts.push(`${rest} minute${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

function clock(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  const two = (n) => String(n).padStart(2, "0");
  return hours ? `${hours}:${two(minutes)}:${two(secs)}` : `${minutes}:${two(secs)}`;
}

function startTimer(element) {
  const display = element.querySelector(".app-timer__clock");
  const announcement = element.querySelector(".app-timer__announcement");
  const endsAt = Date.now() + Number(element.dataset.secondsLeft) * 1000;
  const announced = new Set(ANNOUNCE_AT.filter((mark) => mark >= Number(element.dataset.secondsLeft)));
  const tick = () => {
    const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    display.textContent = clock(left);
    display.setAttribute("aria-label", inWords(left));
    const mark = ANNOUNCE_AT.find((m) => left <= m && !announced.has(m));
    if (mark !== undefined) {
      ANNOUNCE_AT.filter((m) => m >= left).forEach((m) => announced.add(m));
      announcement.textContent = `${inWords(left)} left`;
    }
    if (left === 0) {
      clearInterval(timer);
      window.location.assign(element.dataset.resultUrl);
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
}

function startAutosave(form) {
  const status = form.querySelector(".app-autosave-status");
  let sending = Promise.resolve();
  form.addEventListener("change", () => {
    const body = new FormData(form);
    sending = sending.then(async () => {
      try {
        const response = await fetch(form.action || window.location.href, {
          method: "POST",
          body,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        const reply = await response.json();
        if (reply.saved) {
          status.textContent = "Your answer has been saved.";
        } else if (reply.result_url) {
          window.location.assign(reply.result_url);
        } else {
          status.textContent = "";
        }
      } catch {
        status.textContent = "";
      }
    });
  });
}

document.querySelectorAll('[data-module="app-timer"]').forEach(startTimer);
document.querySelectorAll('[data-module="app-answer-autosave"]').forEach(startAutosave);
