/* The drag-and-drop email editor: GrapesJS with its MJML plugin, saving
   the project data to the server, which compiles, checks and stores it. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var t = config.messages;
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
  var statusEl = document.querySelector("[data-testid=save-status]");
  var problemsEl = document.querySelector("[data-testid=problems]");
  var AUTOSAVE_MS = 4000;
  var dirty = false;
  var saving = false;

  var mjmlPlugin = window["grapesjs-mjml"];
  var editor = grapesjs.init({
    container: "#gjs",
    height: "calc(100vh - 12rem)",
    fromElement: false,
    // No icon font from a CDN: the page loads nothing from other hosts.
    cssIcons: "",
    telemetry: false,
    storageManager: false,
    projectData: config.design,
    plugins: [mjmlPlugin.default || mjmlPlugin],
    pluginsOpts: {},
    assetManager: { uploadFile: uploadFile, multiUpload: false, autoAdd: true },
  });
  window.afrimailEditor = editor;

  addBlocks(editor);
  addTagAction(editor);

  editor.on("update", function () { dirty = true; });
  editor.on("load", function () { dirty = false; showStatus(""); });

  function showStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.classList.toggle("text-red-700", !!isError);
  }

  // Text being typed lives in the canvas until GrapesJS syncs it.
  function syncText() {
    var editing = editor.getEditing && editor.getEditing();
    var view = editing && editing.getView && editing.getView();
    if (view && view.syncContent) return Promise.resolve(view.syncContent({ force: true }));
    return Promise.resolve();
  }

  function post(url, body, headers) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: Object.assign({ "X-CSRFToken": csrf }, headers || {}),
    }).then(function (response) {
      return response.json().then(function (data) {
        return { ok: response.ok, data: data };
      });
    });
  }

  function save(thumbnail) {
    if (saving) return Promise.resolve();
    saving = true;
    dirty = false;
    showStatus(t.saving);
    var url = config.urls.save + (thumbnail ? "?thumbnail=1" : "");
    return syncText()
      .then(function () {
        var body = JSON.stringify(editor.getProjectData());
        return post(url, body, { "Content-Type": "application/json" });
      })
      .then(function (result) {
        if (!result.ok) {
          showStatus(t.refused + " " + result.data.errors.join(" "), true);
          return;
        }
        showStatus(t.saved + (result.data.notes.length ? " · " + result.data.notes.join(" ") : ""));
        showProblems(result.data.problems);
      })
      .catch(function () { dirty = true; showStatus(t.offline, true); })
      .finally(function () { saving = false; });
  }

  function showProblems(problems) {
    problemsEl.textContent = "";
    if (!problems.length) {
      var ok = document.createElement("li");
      ok.className = "text-emerald-800";
      ok.textContent = t.ready;
      problemsEl.appendChild(ok);
      return;
    }
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.className = "rounded bg-amber-50 p-2 text-amber-900";
      item.dataset.code = problem.code;
      var strong = document.createElement("strong");
      strong.textContent = problem.message;
      item.appendChild(strong);
      item.appendChild(document.createElement("br"));
      item.appendChild(document.createTextNode(problem.fix));
      problemsEl.appendChild(item);
    });
  }

  setInterval(function () { if (dirty) save(false); }, AUTOSAVE_MS);
  window.addEventListener("beforeunload", function (event) {
    if (dirty) event.preventDefault();
  });

  function uploadFile(event) {
    var files = event.dataTransfer ? event.dataTransfer.files : event.target.files;
    if (!files || !files.length) return;
    var form = new FormData();
    form.append("file", files[0]);
    post(config.urls.upload, form).then(function (result) {
      if (!result.ok) {
        showStatus(t.uploadFailed + " " + result.data.errors.join(" "), true);
        return;
      }
      editor.AssetManager.add(result.data.data);
    });
  }

  function tag(name, fallback) {
    if (!fallback) return "{{ " + name + " }}";
    var quote = fallback.indexOf('"') >= 0 ? "'" : '"';
    return "{{ " + name + "|default:" + quote + fallback + quote + " }}";
  }

  function insertTag(name) {
    var fallback = document.getElementById("tag-default").value.trim();
    var text = tag(name, fallback);
    var doc = editor.Canvas.getDocument();
    var active = doc.activeElement;
    if (active && active.isContentEditable) {
      doc.execCommand("insertText", false, text);
      dirty = true;
      return;
    }
    var selected = editor.getSelected();
    if (selected && /^mj-(text|button)$/.test(selected.get("type"))) {
      selected.append({ type: "textnode", content: " " + text });
      dirty = true;
      return;
    }
    showStatus(t.noText, true);
  }

  document.querySelectorAll("[data-tag]").forEach(function (button) {
    // Keep the caret in the text being edited.
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () { insertTag(button.dataset.tag); });
  });

  var dialog = document.querySelector("[data-testid=preview-dialog]");
  var frame = document.querySelector("[data-testid=preview-frame]");
  var WIDTHS = { desktop: "640px", mobile: "375px", dark: "640px" };

  function preview(mode) {
    var ready = dirty ? save(false) : Promise.resolve();
    ready.then(function () {
      return fetch(config.urls.preview, { credentials: "same-origin" });
    }).then(function (response) { return response.json(); }).then(function (data) {
      frame.style.width = WIDTHS[mode];
      frame.classList.toggle("is-dark", mode === "dark");
      frame.dataset.mode = mode;
      frame.srcdoc = data.html;
      dialog.querySelector("[data-preview-title]").textContent = t[mode];
      showProblems(data.problems);
      dialog.showModal();
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    var action = button.dataset.action;
    if (action === "undo") editor.UndoManager.undo();
    if (action === "redo") editor.UndoManager.redo();
    if (action === "save") save(true);
    if (action === "preview") preview(button.dataset.mode);
    if (action === "close-preview") dialog.close();
  });

  var testForm = document.querySelector("[data-testid=test-form]");
  testForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var status = document.querySelector("[data-testid=test-status]");
    (dirty ? save(false) : Promise.resolve()).then(function () {
      return post(testForm.action, new FormData(testForm));
    }).then(function (result) {
      status.textContent = result.ok ? t.sent + " " + result.data.to : result.data.errors.join(" ");
    });
  });

  // The picker inside the text toolbar inserts at the caret.
  function addTagAction(editor) {
    var options = config.fields.concat(config.senderFields).map(function (field) {
      return '<option value="' + field.name + '">' + escapeHtml(field.label) + "</option>";
    });
    editor.RichTextEditor.add("afm-tag", {
      icon: '<select class="gjs-field" data-afm-tags aria-label="' + escapeHtml(t.personalise) + '">' +
        '<option value="">{{ }}</option>' + options.join("") + "</select>",
      event: "change",
      result: function (rte, action) {
        var select = action.btn.querySelector("select");
        if (!select.value) return;
        var fallback = document.getElementById("tag-default").value.trim();
        rte.insertHTML(escapeHtml(tag(select.value, fallback)));
        select.value = "";
        dirty = true;
      },
      update: function () {},
    });
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML.replace(/"/g, "&quot;");
  }

  function addBlocks(editor) {
    var blocks = editor.BlockManager;
    var category = t.category;
    blocks.add("afm-heading", {
      label: t.heading,
      category: category,
      content: '<mj-text font-size="26px" font-weight="bold" line-height="1.3" color="#111827"><h2 style="margin:0;font-size:26px;line-height:1.3">' + t.headingText + "</h2></mj-text>",
    });
    blocks.add("afm-video", {
      label: t.video,
      category: category,
      content: '<mj-image src="/static/templates_lib/img/video.png" href="https://www.youtube.com/" alt="' + t.videoAlt + '" width="600px" />',
    });
    blocks.add("afm-footer", {
      label: t.footer,
      category: category,
      content:
        '<mj-section padding="24px 0"><mj-column>' +
        '<mj-text align="center" font-size="12px" color="#6b7280">' +
        "<strong>{{ company_name }}</strong> · {{ company_address }}<br>" + t.why + " {{ company_name }}.</mj-text>" +
        '<mj-text align="center" font-size="12px" color="#6b7280"><a href="{{ unsubscribe_url }}" style="color:#6b7280">' + t.unsubscribe + "</a></mj-text>" +
        "</mj-column></mj-section>",
    });
  }
})();
