// The segment rule builder: edits {match, rules} in Alpine, keeps the JSON
// in the hidden "rules" input and asks the server for the live count.
document.addEventListener("alpine:init", () => {
  Alpine.data("segmentBuilder", () => ({
    tree: JSON.parse(document.getElementById("segment-rules").textContent),
    fields: JSON.parse(document.getElementById("segment-fields").textContent),
    opLabels: JSON.parse(document.getElementById("segment-operators").textContent),
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
      return { field: "city", op: "equals", value: "" };
    },
    addCondition(group) {
      group.rules.push(this.newCondition());
    },
    addGroup() {
      this.tree.rules.push({ match: "any", rules: [this.newCondition()] });
    },
    remove(group, index) {
      group.rules.splice(index, 1);
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
