// The segment rule builder: edits {match, negate, rules} in Alpine at any
// depth up to the server's limit, keeps the JSON in the hidden "rules"
// input and asks the server for the live count. Each node carries a local
// `_id` so that Alpine keeps each nested group bound to its own node when a
// sibling is removed; it is never sent.
const readJSON = (id) => JSON.parse(document.getElementById(id).textContent);
let lastId = 0;
const withIds = (node) => {
  node._id = ++lastId;
  if (node.match) node.rules.forEach(withIds);
  return node;
};

document.addEventListener("alpine:init", () => {
  Alpine.data("segmentBuilder", () => ({
    tree: withIds(readJSON("segment-rules")),
    fields: readJSON("segment-fields"),
    opLabels: readJSON("segment-operators"),
    limits: readJSON("segment-limits"),
    init() {
      this.$watch("tree", () => this.changed(), { deep: true });
      this.changed();
    },
    kindOf(name) {
      if (name === "tag") return "tag";
      if (name === "activity") return "activity";
      const field = this.fields.find((f) => f.name === name);
      return field ? field.kind : "text";
    },
    choicesOf(name) {
      const field = this.fields.find((f) => f.name === name);
      return field ? field.choices : [];
    },
    operators(name) {
      const kind = this.kindOf(name);
      return {
        tag: ["has_tag", "has_not_tag"],
        activity: ["received", "opened", "clicked"],
        text: ["equals", "not_equals", "contains", "starts_with", "in_list", "is_empty", "is_not_empty"],
        choice: ["equals", "not_equals", "in_list", "is_empty", "is_not_empty"],
        number: ["equals", "not_equals", "greater_than", "less_than", "between", "is_empty", "is_not_empty"],
        date: ["equals", "before", "after", "within_last_days", "is_empty", "is_not_empty"],
        datetime: ["equals", "before", "after", "within_last_days", "is_empty", "is_not_empty"],
        boolean: ["equals", "is_empty", "is_not_empty"],
      }[kind];
    },
    newCondition() {
      return withIds({ field: "city", op: "equals", value: "" });
    },
    conditionCount(node = this.tree) {
      return node.rules.reduce((n, r) => n + (r.match ? this.conditionCount(r) : 1), 0);
    },
    canAddCondition() {
      return this.conditionCount() < this.limits.conditions;
    },
    canAddGroup(depth) {
      return depth < this.limits.depth && this.canAddCondition();
    },
    addCondition(group) {
      if (this.canAddCondition()) group.rules.push(this.newCondition());
    },
    addGroup(group, depth) {
      if (!this.canAddGroup(depth)) return;
      group.rules.push(withIds({ match: "all", rules: [this.newCondition()] }));
    },
    remove(group, node) {
      group.rules.splice(group.rules.indexOf(node), 1);
    },
    fieldChanged(rule) {
      rule.op = this.operators(rule.field)[0];
      delete rule.days; delete rule.campaign;
      rule.value = this.kindOf(rule.field) === "boolean" ? true : "";
      if (rule.field === "activity") { delete rule.value; rule.days = 30; }
    },
    // Values typed as text become what the server expects.
    shaped(rule) {
      const kind = this.kindOf(rule.field);
      const out = { ...rule };
      delete out._id;
      if (["is_empty", "is_not_empty"].includes(rule.op)) delete out.value;
      else if (rule.op === "in_list") out.value = String(rule.value).split(",").map((v) => v.trim()).filter(Boolean)
        .map((v) => (kind === "number" ? Number(v) : v));
      else if (rule.op === "between") out.value = String(rule.value).split(/[-–;]/).map((v) => Number(v.trim()));
      else if (rule.op === "within_last_days") out.value = parseInt(rule.value, 10);
      else if (kind === "number") out.value = rule.value === "" ? "" : Number(rule.value);
      else if (kind === "boolean") out.value = rule.value === true || rule.value === "true";
      if (rule.field === "activity") {
        out.days = parseInt(rule.days, 10);
        out.campaign = rule.campaign ? parseInt(rule.campaign, 10) : null;
      }
      return out;
    },
    serialised() {
      const walk = (node) => ({
        match: node.match,
        ...(node.negate ? { negate: true } : {}),
        rules: node.rules.map((r) => (r.match ? walk(r) : this.shaped(r))),
      });
      return JSON.stringify(walk(this.tree));
    },
    changed() {
      const input = this.$refs.rules;
      input.value = this.serialised();
      input.dispatchEvent(new Event("rules-changed", { bubbles: true }));
    },
  }));
});
