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
  var editor = null;

  // GrapesJS's own French strings are vendored from its package; the MJML
  // plugin's come from our translations (config.mjml), in its i18n shape.
  function loadLocale() {
    if (!config.localeUrl) return Promise.resolve({});
    return import(config.localeUrl).then(function (module) {
      var messages = {};
      messages[config.locale] = module.default;
      return messages;
    }).catch(function () { return {}; });
  }

  function mjmlOptions() {
    if (!config.mjml) return {};
    var messages = {};
    messages[config.locale] = { "grapesjs-mjml": config.mjml };
    return { i18n: messages };
  }

  function start(messages) {
    var plugin = mjmlPlugin.default || mjmlPlugin;
    var options = {};
    options[plugin] = mjmlOptions();
    editor = grapesjs.init({
      container: "#gjs",
      height: "calc(100vh - 12rem)",
      fromElement: false,
      // No icon font from a CDN: the page loads nothing from other hosts.
      cssIcons: "",
      telemetry: false,
      storageManager: false,
      projectData: config.design,
      i18n: { locale: config.locale, detectLocale: false, messages: messages },
      plugins: [plugin],
      pluginsOpts: options,
      assetManager: { uploadFile: uploadFile, multiUpload: false, autoAdd: true },
    });
    window.afrimailEditor = editor;

    addBlocks(editor);
    addTagAction(editor);
    addPanelIcons(editor);

    editor.on("update", function () { dirty = true; });
    editor.on("load", function () { dirty = false; showStatus(""); });
  }

  loadLocale().then(start);

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

  // The text editor GrapesJS has open, if a text is being edited.
  function activeRte() {
    var editing = editor.getEditing && editor.getEditing();
    var view = editing && editing.getView && editing.getView();
    if (!view || !view.rteEnabled) return null;
    return view.activeRte || editor.RichTextEditor.globalRte || null;
  }

  // Both pickers insert here: at the caret of the text being edited.
  // When the text editor has closed (focus went to the default field, say),
  // the tag goes at the end of the selected text block instead.
  function insertTagAtCaret(name, rte) {
    rte = rte || activeRte();
    var fallback = document.getElementById("tag-default").value.trim();
    var text = tag(name, fallback);
    if (rte) {
      rte.insertHTML(escapeHtml(text));
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
    var rte = null;
    button.addEventListener("mousedown", function (event) {
      event.preventDefault();
      rte = activeRte();
    });
    button.addEventListener("click", function () {
      insertTagAtCaret(button.dataset.tag, rte || activeRte());
      rte = null;
    });
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
    var fields = config.fields.concat(config.customFields || [], config.senderFields);
    var options = fields.map(function (field) {
      return '<option value="' + field.name + '">' + escapeHtml(field.label) + "</option>";
    });
    editor.RichTextEditor.add("afm-tag", {
      icon: '<select class="gjs-field" data-afm-tags aria-label="' + escapeHtml(t.personalise) + '">' +
        '<option value="">{{ }}</option>' + options.join("") + "</select>",
      event: "change",
      result: function (rte, action) {
        var select = action.btn.querySelector("select");
        if (!select.value) return;
        insertTagAtCaret(select.value, rte);
        select.value = "";
      },
      update: function () {},
    });
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML.replace(/"/g, "&quot;");
  }

  // The default panel buttons draw their icon with a font we do not load.
  var ICONS = {
    "sw-visibility": '<path d="M4 4h6v2H6v4H4zm10 0h6v6h-2V6h-4zM4 14h2v4h4v2H4zm14 0h2v6h-6v-2h4z"/>',
    preview: '<path d="M12 5c5 0 9 5 9 7s-4 7-9 7-9-5-9-7 4-7 9-7zm0 3a4 4 0 100 8 4 4 0 000-8z"/>',
    fullscreen: '<path d="M3 3h7v2H5v5H3zm11 0h7v7h-2V5h-5zM3 14h2v5h5v2H3zm16 0h2v7h-7v-2h5z"/>',
    "export-template": '<path d="M8 6l-6 6 6 6 1.4-1.4L4.8 12l4.6-4.6zm8 0l-1.4 1.4 4.6 4.6-4.6 4.6L16 18l6-6z"/>',
    "open-sm": '<path d="M12 3a9 9 0 000 18c1 0 2-.8 2-2 0-1.3-1-1.5-1-2.5S14 15 15 15h2a4 4 0 004-4c0-4.4-4-8-9-8zM7 12a1.5 1.5 0 110-3 1.5 1.5 0 010 3zm3-4a1.5 1.5 0 110-3 1.5 1.5 0 010 3zm4 0a1.5 1.5 0 110-3 1.5 1.5 0 010 3z"/>',
    "open-tm": '<path d="M19.4 13a7.6 7.6 0 000-2l2.1-1.6-2-3.5-2.5 1a7 7 0 00-1.7-1L15 3h-4l-.4 2.9a7 7 0 00-1.7 1l-2.5-1-2 3.5L6.6 11a7.6 7.6 0 000 2l-2.1 1.6 2 3.5 2.5-1a7 7 0 001.7 1L11 21h4l.4-2.9a7 7 0 001.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 110-7 3.5 3.5 0 010 7z"/>',
    "open-layers": '<path d="M12 2l10 5-10 5L2 7zm-8.2 9L12 15l8.2-4L22 12l-10 5-10-5zm0 5L12 20l8.2-4L22 17l-10 5-10-5z"/>',
    "open-blocks": '<path d="M3 3h8v8H3zm10 0h8v8h-8zM3 13h8v8H3zm10 0h8v8h-8z"/>',
  };

  function addPanelIcons(editor) {
    editor.Panels.getPanels().forEach(function (panel) {
      panel.get("buttons").forEach(function (button) {
        var path = ICONS[button.id];
        if (!path || button.get("label")) return;
        button.set("label", '<svg viewBox="0 0 24 24" width="18" height="18" ' +
          'fill="currentColor" aria-hidden="true">' + path + "</svg>");
      });
    });
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
