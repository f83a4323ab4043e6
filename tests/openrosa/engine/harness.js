// Drives ODK's form engine (@getodk/xforms-engine, the engine of ODK Web Forms) the way a
// collector would: download the XForm from Tallytale, answer questions, serialise the
// instance and POST it (with its attachments) to Tallytale's OpenRosa submission endpoint.
import { createInstance } from "/__engine__/index.js";

function nodes(node, out = []) {
  out.push(node);
  for (const child of node.currentState.children ?? []) nodes(child, out);
  return out;
}

window.fillAndSubmit = async ({ formUrl, submissionUrl, auth, answers, files, sends }) => {
  const headers = { Authorization: auth };
  const xml = await (await fetch(formUrl, { headers })).text();
  const { root } = await createInstance(xml, { form: { missingResourceBehavior: "BLANK" } });
  const byName = new Map(
    nodes(root).map((n) => [n.currentState.reference.split("/").pop(), n]),
  );
  for (const [name, value] of Object.entries(answers)) {
    const node = byName.get(name);
    if (!node) throw new Error(`the form has no question ${name}`);
    if (node.nodeType === "select") {
      node.selectValues(value.split(" "));
    } else {
      node.setValue(value);
    }
  }
  for (const [name, { fileName, bytes, type }] of Object.entries(files ?? {})) {
    byName.get(name).setValue(new File([new Uint8Array(bytes)], fileName, { type }));
  }
  const payload = await root.prepareInstancePayload();
  if (payload.status !== "ready") {
    return { status: payload.status, violations: JSON.stringify(payload.violations) };
  }
  const [data] = payload.data;
  const instanceXml = await data.get("xml_submission_file").text();
  const results = [];
  for (let i = 0; i < sends; i++) {
    const r = await fetch(submissionUrl, { method: "POST", headers, body: data });
    results.push({ status: r.status, body: await r.text() });
  }
  return { status: "sent", instanceXml, results };
};
// Loads a form as a collector's app does and reads it in one of its languages: the languages
// the engine found, and each question's label and choices' labels in `language`.
window.describeForm = async ({ formUrl, auth, language }) => {
  const xml = await (await fetch(formUrl, { headers: { Authorization: auth } })).text();
  const { root } = await createInstance(xml, { form: { missingResourceBehavior: "BLANK" } });
  const languages = root.languages.map((l) => ({ language: l.language, isDefault: l.isDefault }));
  const chosen = root.languages.find((l) => l.language === language);
  if (chosen) root.setLanguage(chosen);
  const labels = {};
  const choices = {};
  for (const node of nodes(root)) {
    const name = node.currentState.reference.split("/").pop();
    if (node.currentState.label) labels[name] = node.currentState.label.asString;
    if (node.nodeType === "select") {
      choices[name] = node.currentState.valueOptions.map((o) => o.label.asString);
    }
  }
  return { languages, active: root.currentState.activeLanguage.language, labels, choices };
};
window.harnessReady = true;
