// The web chat: one WebSocket to /ws/chat, a transcript rebuilt from the server on every (re)connect,
// and an outbox so that nothing typed while the connection is down is lost.
"use strict";
(() => {
  const chat = document.getElementById("chat");
  const history = document.getElementById("history");
  const log = document.getElementById("log");
  const typing = document.getElementById("typing");
  const status = document.getElementById("status");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const files = document.getElementById("files");
  const lang = chat.dataset.lang;
  const SESSION = "onewindow.session";
  const OUTBOX = "onewindow.outbox";

  let session = localStorage.getItem(SESSION) || "";
  let outbox = JSON.parse(localStorage.getItem(OUTBOX) || "[]");
  let socket = null;
  let attempts = 0;
  let typingTimer = 0;
  let retryTimer = 0;

  const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
  const saveOutbox = () => localStorage.setItem(OUTBOX, JSON.stringify(outbox));
  const scrollDown = () => { log.scrollTop = log.scrollHeight; };

  function setTyping(on) {
    typing.hidden = !on;
    scrollDown();
  }

  function setStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  // Phone numbers and web addresses in answers become links; everything else stays plain text.
  const LINKS = /(https?:\/\/[^\s，。；）)]+|\b0\d{2,3}-?\d{7,8}\b|\b1[3-9]\d{9}\b|\b12345\b)/g;
  function richText(text) {
    const paragraph = document.createElement("p");
    let last = 0;
    for (const match of text.matchAll(LINKS)) {
      paragraph.append(text.slice(last, match.index));
      const link = document.createElement("a");
      link.textContent = match[0];
      link.href = match[0].startsWith("http") ? match[0] : `tel:${match[0].replace("-", "")}`;
      if (link.href.startsWith("http")) link.rel = "noopener";
      paragraph.append(link);
      last = match.index + match[0].length;
    }
    paragraph.append(text.slice(last));
    return paragraph;
  }

  // A member of staff's message carries their name; the queue's and the bot's do not.
  function addBot(text, buttons, staff) {
    const bubble = document.createElement("div");
    bubble.className = staff ? "msg bot staff" : "msg bot";
    if (staff) {
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = `${chat.dataset.staffLabel} ${staff}`;
      bubble.append(who);
    }
    if (text) bubble.append(richText(text));
    if (buttons && buttons.length) {
      const choices = document.createElement("div");
      choices.className = "choices";
      for (const button of buttons) {
        const choice = document.createElement("button");
        choice.type = "button";
        choice.className = "choice";
        choice.textContent = button.title;
        choice.dataset.payload = button.payload;
        choices.append(choice);
      }
      bubble.append(choices);
    }
    history.append(bubble);
    scrollDown();
  }

  function addUser(text, id, pending) {
    const bubble = document.createElement("div");
    bubble.className = pending ? "msg user pending" : "msg user";
    if (id) bubble.dataset.id = id;
    bubble.append(richText(text));
    history.append(bubble);
    scrollDown();
  }

  function transmit(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      setTyping(true);
    }
  }

  function send(text, payload) {
    const message = { type: "message", id: newId(), text, lang };
    if (payload) message.payload = payload;
    outbox.push(message);
    saveOutbox();
    addUser(text, message.id, true);
    transmit(message);
  }

  function settle(id) {
    outbox = outbox.filter((m) => m.id !== id);
    saveOutbox();
    const bubble = history.querySelector(`[data-id="${CSS.escape(id)}"]`);
    if (bubble) bubble.classList.remove("pending");
    if (!outbox.length) setTyping(false);
  }

  // The server's transcript is the truth; what it has not seen yet is shown as pending and sent again.
  function showHistory(messages) {
    history.replaceChildren();
    const seen = new Set();
    for (const line of messages) {
      if (line.from === "user") {
        addUser(line.text, line.id, false);
        if (line.id) seen.add(line.id);
      } else {
        addBot(line.text, line.buttons, line.staff);
      }
    }
    outbox = outbox.filter((m) => !seen.has(m.id));
    saveOutbox();
    for (const message of outbox) {
      addUser(message.text, message.id, true);
      transmit(message);
    }
  }

  function onFrame(frame) {
    if (frame.type === "session") {
      session = frame.id;
      localStorage.setItem(SESSION, session);
    } else if (frame.type === "history") {
      showHistory(frame.messages);
    } else if (frame.type === "typing") {
      setTyping(frame.on);
      // Staff typing (nothing of ours pending) shows for a few seconds unless they type on.
      clearTimeout(typingTimer);
      if (frame.on && !outbox.length) typingTimer = setTimeout(() => setTyping(false), 6000);
    } else if (frame.type === "bot") {
      setTyping(false);
      if (frame.staff) setStatus("");
      addBot(frame.text, frame.buttons, frame.staff);
    } else if (frame.type === "queue") {
      setStatus(frame.text);
    } else if (frame.type === "done") {
      settle(frame.id);
    } else if (frame.type === "progress") {
      setStatus(`${files.dataset.reading} ${frame.done}/${frame.total}`);
      if (frame.done >= frame.total) setStatus("");
    } else if (frame.type === "error" && frame.retry_after) {
      // Too many messages at once: they stay pending and go again when the server says.
      setTyping(false);
      setStatus(chat.dataset.slowDown);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        setStatus("");
        for (const message of outbox) transmit(message);
      }, frame.retry_after * 1000);
    } else if (frame.type === "error") {
      console.warn(frame.text);
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const url = `${scheme}://${location.host}/ws/chat?session=${encodeURIComponent(session)}`;
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      attempts = 0;
      setStatus("");
    };
    current.onmessage = (event) => onFrame(JSON.parse(event.data));
    current.onclose = () => {
      if (socket !== current) return; // replaced by a new chat
      socket = null;
      setTyping(false);
      setStatus(chat.dataset.offline);
      const delay = Math.min(15000, 500 * 2 ** attempts++);
      setTimeout(connect, delay);
    };
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  // Files go over HTTP (a socket frame is too small for a scan); the replies come over the socket.
  files.addEventListener("change", async () => {
    const chosen = Array.from(files.files);
    files.value = "";
    if (!chosen.length || !session) return;
    const body = new FormData();
    body.append("session", session);
    body.append("lang", lang);
    for (const file of chosen) body.append("files", file, file.name);
    addUser(`📎 ${chosen.map((f) => f.name).join(", ")}`, null, false);
    setTyping(true);
    setStatus(files.dataset.reading);
    try {
      const response = await fetch("/api/chat/upload", { method: "POST", body });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        addBot(files.dataset.failed + (problem.detail || response.statusText), []);
      }
    } catch (error) {
      addBot(files.dataset.failed + error.message, []);
    } finally {
      setTyping(false);
      setStatus("");
    }
  });

  log.addEventListener("click", (event) => {
    const choice = event.target.closest("button.choice");
    if (!choice) return;
    if (choice.dataset.payload) send(choice.textContent, choice.dataset.payload);
    else send(choice.dataset.text);
  });

  document.getElementById("new-chat").addEventListener("click", () => {
    session = "";
    outbox = [];
    localStorage.removeItem(SESSION);
    saveOutbox();
    history.replaceChildren();
    const old = socket;
    socket = null;
    if (old) old.close();
    connect();
    input.focus();
  });

  connect();
})();
