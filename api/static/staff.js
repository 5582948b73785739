// The staff console: the queue, my chats, chats still with the bot and callbacks on the left, one
// open chat on the right. The state comes from /api/staff/*; /ws/staff says when to look again.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const me = { username: $("me").dataset.username, name: $("me").textContent, role: $("me").dataset.role };
  const view = $("chat-view");
  const transcript = $("transcript");
  const reply = $("reply");
  const notice = $("notice");
  const peerTyping = $("peer-typing");

  const REASONS = { request: "主动要求人工", failures: "连续两次未理解", complaint: "投诉", dispute: "预审有异议", staff: "工作人员接入" };
  const CHANNELS = { web: "网页", telegram: "Telegram", rest: "接口", api: "接口" };
  const LANGS = { zh: "中文", en: "英文" };
  const STATUSES = { waiting: "排队中", active: "处理中", collecting: "登记回电中", closed: "已结束" };
  const WHO = { user: "群众", bot: "机器人", system: "系统" };
  const VERDICTS = { ready: "材料齐全", incomplete: "材料不全", needs_staff: "需人工核对" };
  const CASE_STATUSES = { draft: "上传中", submitted: "待确认", confirmed: "已确认", returned: "已退回" };
  const BOOKING_STATUSES = { held: "暂留", confirmed: "已预约", cancelled: "已取消", attended: "已到场", no_show: "未到场", expired: "已过期" };
  const KINDS = ["user", "bot", "staff", "system", "note"];
  const CONTROLS = ["reply", "send", "note-btn", "canned", "answer-item", "insert-answer", "outcome", "close", "release", "transfer-to", "transfer"];
  const label = (map, value) => map[value] || value || "";

  let queue = { waiting: [], active: [], live: [], callbacks: [], colleagues: [] };
  let chat = null; // the open handoff as GET /api/staff/handoffs/{id} gave it
  let openId = null; // its id, as a string
  let seen = new Set(); // keys of the lines in the transcript
  let buffered = []; // lines that came over the socket while the open chat was being fetched
  const unread = new Set();
  const drafts = {};
  const canned = {};
  let queueSeq = 0, chatSeq = 0, socket = null, attempts = 0, leaving = false;
  let lastTyping = 0, noticeTimer = 0, peerTimer = 0, busy = false, noteEcho = false;

  // --- small helpers ---------------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text) {
    const node = el("button", className, text);
    node.type = "button";
    return node;
  }

  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) return `${s}秒`;
    if (s < 3600) return `${Math.floor(s / 60)}分${s % 60}秒`;
    return `${Math.floor(s / 3600)}小时${Math.floor((s % 3600) / 60)}分`;
  }

  // A time that keeps counting up in the page between two fetches of the queue.
  function ticker(seconds) {
    const span = el("span", "ticker");
    span.dataset.base = Number(seconds) || 0;
    span.dataset.from = Date.now();
    paint(span);
    return span;
  }
  function paint(span) {
    span.textContent = duration(Number(span.dataset.base) + (Date.now() - Number(span.dataset.from)) / 1000);
  }

  const pad = (n) => String(n).padStart(2, "0");
  function when(value, withDay) {
    if (value === null || value === undefined || value === "") return "";
    const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
    const today = date.toDateString() === new Date().toDateString();
    return withDay || !today ? `${date.getMonth() + 1}月${date.getDate()}日 ${time}` : time;
  }

  function notify(text, error) {
    if (leaving || !text) return;
    notice.textContent = text;
    notice.classList.toggle("error", Boolean(error));
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.hidden = true; }, error ? 6000 : 3000);
  }

  const detail = (d) => (Array.isArray(d) ? d.map((x) => x.msg || String(x)).join("；") : d ? String(d) : "");

  // Every call: the session cookie, the CSRF header on POSTs, {"detail"} of an error thrown as its message.
  async function api(path, body) {
    const options = { credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = csrf;
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    if (response.status === 401) {
      leaving = true;
      location.href = `/staff/login?next=${encodeURIComponent(location.pathname + location.search)}`;
      throw new Error("登录已失效");
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(detail(data.detail) || `操作失败（${response.status}）`);
    return data;
  }
  const post = (path, body) => api(path, body || {});
  const handoffPath = (id, action) => `/api/staff/handoffs/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

  function nameOf(username) {
    if (username === me.username) return me.name;
    const colleague = (queue.colleagues || []).find((c) => c.username === username);
    return colleague ? colleague.name : username || "";
  }

  // --- the lists on the left -------------------------------------------------------------------

  async function loadQueue() {
    const n = ++queueSeq;
    try {
      const data = await api("/api/staff/queue");
      if (n !== queueSeq) return;
      queue = data;
      renderLists();
    } catch (error) {
      notify(error.message, true);
    }
  }

  function fill(id, items, make) {
    $(`${id}-count`).textContent = items.length;
    $(`${id}-count`).classList.toggle("some", items.length > 0);
    const list = $(id).querySelector(".entries");
    list.replaceChildren(...items.map(make));
    if (!items.length) list.append(el("li", "empty", "暂无"));
  }

  function entry(className, key, value) {
    const li = el("li", `${className} entry`);
    li.dataset[key] = value;
    if (key === "handoff") {
      li.classList.toggle("current", String(value) === openId);
      if (unread.has(String(value))) li.classList.add("unread");
    }
    return li;
  }

  function opener(title, meta) {
    const open = button("open");
    open.append(el("span", "dot"), el("strong", "", title), meta);
    return open;
  }

  function renderLists() {
    // The focused button survives the rebuild, so the keyboard does not lose its place.
    const focused = document.activeElement;
    const item = focused && focused.closest && focused.closest(".lists li");
    const pair = item && Object.entries(item.dataset)[0];
    const refocus = pair && focused.classList.length ? `li[data-${pair[0]}="${CSS.escape(pair[1])}"] .${focused.classList[0]}` : null;

    const waiting = [...(queue.waiting || [])].sort((a, b) => b.waited_seconds - a.waited_seconds);
    fill("queue", waiting, (h) => {
      const li = entry("queue-item", "handoff", h.id);
      const meta = el("span", "meta", `${label(CHANNELS, h.channel)} · ${label(LANGS, h.lang)} · ${label(REASONS, h.reason)} · 已等 `);
      meta.append(ticker(h.waited_seconds));
      li.append(opener(h.item_name || "未识别事项", meta), button("claim", "接入"));
      return li;
    });
    fill("active", queue.active || [], (h) => {
      const li = entry("active-item", "handoff", h.id);
      const who = me.role === "admin" ? `${h.agent_name || h.agent} · ` : "";
      const meta = el("span", "meta", `${who}${label(CHANNELS, h.channel)} · ${label(LANGS, h.lang)} · 已接待 `);
      meta.append(ticker(h.since_seconds));
      li.append(opener(h.item_name || "未识别事项", meta));
      return li;
    });
    fill("live", queue.live || [], (c) => {
      const li = entry("live-chat", "sender", c.sender);
      const info = el("span", "info");
      const sender = el("strong", "sender", c.sender.length > 14 ? `${c.sender.slice(0, 12)}…` : c.sender);
      sender.title = c.sender;
      const meta = el("span", "meta", `${label(CHANNELS, c.channel)} · ${label(LANGS, c.lang)} · 空闲 `);
      meta.append(ticker(c.idle_seconds));
      info.append(sender, meta);
      li.append(info, button("take", "接管"));
      return li;
    });
    fill("callbacks", queue.callbacks || [], (c) => {
      const li = entry("callback-item", "callback", c.id);
      const info = el("span", "info");
      const phone = el("a", "phone", c.phone);
      phone.href = `tel:${String(c.phone).replace(/[^\d+]/g, "")}`;
      const head = el("strong", "", `${c.name || "（未留姓名）"} `);
      head.append(phone);
      info.append(head, el("span", "topic", c.topic || ""), el("span", "meta", `${label(LANGS, c.lang)} · ${when(c.created_at)}`));
      li.append(info, button("done", "已回电"));
      return li;
    });
    renderColleagues();
    if (refocus) {
      const again = document.querySelector(refocus);
      if (again) again.focus();
    }
  }

  function renderColleagues() {
    const select = $("transfer-to");
    const keep = select.value;
    const others = (queue.colleagues || []).filter((c) => c.username !== me.username);
    select.replaceChildren(...others.map((c) => new Option(`${c.name}（${c.load}/${c.capacity}）`, c.username)));
    if (!others.length) select.append(new Option("没有可转的同事", ""));
    if (others.some((c) => c.username === keep)) select.value = keep;
    updateControls();
  }

  function markUnread(id) {
    if (id === null) return;
    unread.add(id);
    for (const li of document.querySelectorAll(`.lists li[data-handoff="${CSS.escape(id)}"]`)) li.classList.add("unread");
  }

  async function claim(id) {
    try {
      const data = await post(handoffPath(id, "claim"));
      await openChat(data.id ?? id);
    } catch (error) {
      notify(error.message, true);
    }
    loadQueue();
  }

  async function take(sender) {
    try {
      const data = await post(`/api/staff/chats/${encodeURIComponent(sender)}/take`);
      await openChat(data.id);
    } catch (error) {
      notify(error.message, true);
    }
    loadQueue();
  }

  async function callbackDone(id) {
    try {
      await post(`/api/staff/callbacks/${encodeURIComponent(id)}/done`);
      notify("已记为回电完成");
    } catch (error) {
      notify(error.message, true);
    }
    loadQueue();
  }

  // --- the open chat ---------------------------------------------------------------------------

  async function openChat(id) {
    id = String(id);
    if (id !== openId) {
      if (openId) drafts[openId] = reply.value;
      openId = id;
      chat = null;
      seen = new Set();
      transcript.replaceChildren();
      reply.value = drafts[id] || "";
      setPeerTyping(false);
    }
    unread.delete(id);
    for (const li of document.querySelectorAll(".lists li[data-handoff]")) {
      li.classList.toggle("current", li.dataset.handoff === id);
      if (li.dataset.handoff === id) li.classList.remove("unread");
    }
    view.hidden = false;
    $("chat-empty").hidden = true;
    await loadChat();
  }

  async function loadChat() {
    if (!openId) return;
    const id = openId;
    const n = ++chatSeq;
    buffered = [];
    try {
      const data = await api(handoffPath(id));
      if (n !== chatSeq || id !== openId) return;
      const fresh = !chat;
      chat = data;
      renderChat(fresh);
    } catch (error) {
      notify(error.message, true);
    }
  }

  function renderChat(fresh) {
    const facts = $("chat-facts");
    const fact = (className, text) => el("span", `fact ${className}`, text);
    facts.replaceChildren(
      fact("item", chat.item_name || "未识别事项"),
      fact(`status status-${chat.status}`, label(STATUSES, chat.status)),
      fact("", label(CHANNELS, chat.channel)),
      fact("", label(LANGS, chat.lang)),
      fact("", label(REASONS, chat.reason)),
    );
    if (chat.agent) facts.append(fact("", `接待：${nameOf(chat.agent)}`));
    if (chat.created_at) facts.append(fact("", `发起于 ${when(chat.created_at)}`));

    const bottom = fresh || nearBottom();
    const top = transcript.scrollTop;
    seen = new Set();
    transcript.replaceChildren();
    for (const line of chat.history || []) addLine(line, false);
    for (const line of buffered) addLine(line, false);
    transcript.scrollTop = bottom ? transcript.scrollHeight : top;

    renderSide();
    if (fresh) {
      $("answer-item").value = chat.item_name || "";
      loadCanned(chat.lang || "zh");
    }
    updateControls();
  }

  const nearBottom = () => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 80;

  function lineKey(line) {
    if (line.id !== undefined && line.id !== null) return `id:${line.id}`;
    return line.at === undefined || line.at === null ? null : `${line.from}|${line.at}|${line.text}`;
  }

  function addLine(line, scroll) {
    const key = lineKey(line);
    if (key) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    const kind = KINDS.includes(line.from) ? line.from : "system";
    const who = kind === "staff" ? line.staff || "工作人员" : kind === "note" ? `内部备注${line.staff ? ` · ${line.staff}` : ""}` : WHO[kind];
    const node = el("div", `line ${kind}`);
    const meta = el("div", "meta", who);
    const time = when(line.at);
    if (time) meta.append(el("time", "", time));
    node.append(meta, el("div", "text", line.text || ""));
    if (line.buttons && line.buttons.length) {
      const chips = el("div", "chips");
      for (const b of line.buttons) chips.append(el("span", "chip", b.title));
      node.append(chips);
    }
    const bottom = nearBottom();
    transcript.append(node);
    if (scroll && bottom) transcript.scrollTop = transcript.scrollHeight;
  }

  function renderSide() {
    const side = (id, items, make) => {
      const list = $(id).querySelector(".entries");
      list.replaceChildren(...items.map(make));
      if (!items.length) list.append(el("li", "empty", "暂无"));
    };
    side("cases", chat.cases || [], (c) => {
      const li = el("li", "case");
      li.append(
        el("strong", "", c.item_name || "未识别事项"),
        el("span", "meta", `${label(VERDICTS, c.verdict)} · ${label(CASE_STATUSES, c.status)} · ${when(c.created_at, true)}`),
      );
      const files = el("span", "files");
      for (const f of c.files || []) {
        const link = el("a", "", f.name);
        if (/^(https?:|\/)/.test(f.url)) link.href = f.url;
        link.target = "_blank";
        link.rel = "noopener";
        files.append(link);
      }
      if (files.childElementCount) li.append(files);
      return li;
    });
    side("bookings", chat.bookings || [], (b) => {
      const li = el("li", "booking");
      const head = el("strong", "code", b.code);
      li.append(head, el("span", "", b.item_name || ""),
        el("span", "meta", `${when(b.start, true)}${b.window ? ` · ${b.window}` : ""} · ${label(BOOKING_STATUSES, b.status)}`));
      return li;
    });
  }

  // Only the member of staff who owns an active chat may answer, hand it on or end it.
  function updateControls() {
    if (!chat) {
      for (const id of CONTROLS) $(id).disabled = true;
      return;
    }
    const mine = chat.status === "active" && chat.agent === me.username;
    let why = "";
    if (chat.status === "closed") why = "会话已结束，仅可查看。";
    else if (chat.status === "waiting") why = "该会话仍在排队，点击左侧“接入”后才能回复。";
    else if (chat.status !== "active") why = `该会话${label(STATUSES, chat.status)}，暂不能回复。`;
    else if (!mine) why = `该会话由 ${nameOf(chat.agent)} 接待，仅可查看。`;
    for (const id of CONTROLS) $(id).disabled = !mine;
    if (mine && !$("transfer-to").value) $("transfer").disabled = true;
    $("chat-state").textContent = why;
    $("chat-state").hidden = !why;
  }

  function setPeerTyping(on) {
    peerTyping.textContent = on ? "对方正在输入…" : "";
    clearTimeout(peerTimer);
    if (on) peerTimer = setTimeout(() => setPeerTyping(false), 8000);
  }

  function insert(text) {
    const before = reply.value.replace(/\s+$/, "");
    reply.value = before ? `${before}\n\n${text}` : text;
    reply.focus();
    reply.setSelectionRange(reply.value.length, reply.value.length);
  }

  // A reply is not shown here on sending: it comes back over the socket like every other line.
  async function submit(kind) {
    if (!chat || busy || reply.disabled) return;
    const text = reply.value.trim();
    if (!text) return;
    const id = String(chat.id);
    busy = true;
    noteEcho = false;
    try {
      await post(handoffPath(id, kind), { text });
      if (reply.value.trim() === text) reply.value = "";
      delete drafts[id];
      if (kind === "note") setTimeout(() => { if (!noteEcho && openId === id) loadChat(); }, 1000);
    } catch (error) {
      notify(error.message, true);
    } finally {
      busy = false;
      reply.focus();
    }
  }

  async function act(action, body, done) {
    if (!chat) return;
    const id = String(chat.id);
    try {
      await post(handoffPath(id, action), body);
      notify(done);
    } catch (error) {
      notify(error.message, true);
    }
    if (openId === id) loadChat();
    loadQueue();
  }

  async function loadCanned(lang) {
    if (!canned[lang]) {
      try {
        canned[lang] = (await api(`/api/staff/canned?lang=${encodeURIComponent(lang)}`)).replies || [];
      } catch (error) {
        notify(error.message, true);
        return;
      }
    }
    if (!chat || (chat.lang || "zh") !== lang) return;
    $("canned").replaceChildren(new Option("常用回复…", ""), ...canned[lang].map((r, i) => new Option(r.title, String(i))));
  }

  async function insertAnswer() {
    if (!chat) return;
    const name = $("answer-item").value.trim();
    if (!name) return notify("请先填写事项名称", true);
    try {
      let item = chat.item && name === chat.item_name ? chat.item : null;
      if (!item) {
        const found = await api(`/api/catalogue/search?q=${encodeURIComponent(name)}`);
        if (!found.results || !found.results.length) throw new Error(`没有找到与“${name}”相关的事项`);
        item = found.results[0].id;
      }
      const query = `item=${encodeURIComponent(item)}&lang=${encodeURIComponent(chat.lang || "zh")}`;
      const data = await api(`/api/staff/canned?${query}`);
      if (!data.answer) throw new Error("该事项暂无完整答复");
      insert(data.answer);
    } catch (error) {
      notify(error.message, true);
    }
  }

  // --- the socket ------------------------------------------------------------------------------

  function onFrame(frame) {
    const id = frame.handoff === undefined || frame.handoff === null ? null : String(frame.handoff);
    if (frame.type === "queue") {
      loadQueue();
    } else if (frame.type === "line") {
      if (id === openId) {
        buffered.push(frame.line);
        addLine(frame.line, true);
        if (frame.line.from === "user") setPeerTyping(false);
        if (frame.line.from === "note") noteEcho = true;
      } else {
        markUnread(id);
      }
    } else if (frame.type === "handoff") {
      if (id === openId) loadChat();
      loadQueue();
    } else if (frame.type === "typing") {
      if (id === openId) setPeerTyping(Boolean(frame.on));
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const current = new WebSocket(`${scheme}://${location.host}/ws/staff`);
    socket = current;
    current.onopen = () => {
      attempts = 0;
      $("link-state").hidden = true;
      loadQueue();
      loadChat();
    };
    current.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      onFrame(frame);
    };
    current.onclose = () => {
      if (socket !== current || leaving) return;
      socket = null;
      $("link-state").hidden = false;
      setTimeout(connect, Math.min(15000, 500 * 2 ** attempts++));
    };
  }

  // --- wiring ----------------------------------------------------------------------------------

  document.querySelector(".lists").addEventListener("click", (event) => {
    const target = event.target;
    const item = target.closest("li");
    if (!item || target.closest("a")) return;
    const action = target.closest("button.claim, button.take, button.done");
    if (action) action.disabled = true; // until the lists are rebuilt: no double claims
    if (target.closest(".claim")) claim(item.dataset.handoff);
    else if (target.closest(".take")) take(item.dataset.sender);
    else if (target.closest(".done")) callbackDone(item.dataset.callback);
    else if (item.dataset.handoff) openChat(item.dataset.handoff);
  });

  reply.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit("reply");
  });
  reply.addEventListener("input", () => {
    if (!chat || reply.disabled || !reply.value.trim() || Date.now() - lastTyping < 3000) return;
    lastTyping = Date.now();
    post(handoffPath(chat.id, "typing")).catch(() => {});
  });
  $("send").addEventListener("click", () => submit("reply"));
  $("note-btn").addEventListener("click", () => submit("note"));
  $("canned").addEventListener("change", (event) => {
    const picked = chat && (canned[chat.lang || "zh"] || [])[Number(event.target.value)];
    if (event.target.value !== "" && picked) insert(picked.text);
    event.target.value = "";
  });
  $("insert-answer").addEventListener("click", insertAnswer);
  $("answer-item").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      insertAnswer();
    }
  });
  $("close").addEventListener("click", () => act("close", { outcome: $("outcome").value }, "会话已结束"));
  $("release").addEventListener("click", () => act("release", {}, "已放回队列"));
  $("transfer").addEventListener("click", () => {
    const to = $("transfer-to").value;
    if (to) act("transfer", { to }, `已转给 ${nameOf(to)}`);
  });
  $("transfer-to").addEventListener("change", updateControls);

  setInterval(() => { for (const span of document.querySelectorAll(".ticker")) paint(span); }, 1000);
  setInterval(loadQueue, 20000);
  updateControls();
  loadQueue();
  connect();
})();
