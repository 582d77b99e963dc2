// The sandbox sample app: a SMART App Launch 2 client (EHR launch and standalone launch)
// written without libraries, so that every protocol step is visible in one file.
"use strict";

const CLIENT_ID = "sandbox-sample-app";
const REDIRECT_URI = new URL("./", location.href).href;
const EHR_LAUNCH_SCOPE = "launch openid fhirUser patient/*.rs user/*.rs offline_access";
const STANDALONE_SCOPE = "launch/patient openid fhirUser patient/*.rs offline_access";
const STATE_PREFIX = "smart-sample-app:";

document.addEventListener("DOMContentLoaded", () => {
  main().catch((error) => showError(error.message));
});

async function main() {
  const query = new URLSearchParams(location.search);
  if (query.has("error")) {
    showError(`Authorization failed: ${query.get("error")}: ${query.get("error_description") ?? "(no description)"}`);
    return;
  }
  if (query.has("code")) {
    await completeLaunch(query);
    return;
  }
  if (query.has("iss") && query.has("launch")) {
    await startLaunch({ iss: query.get("iss"), launch: query.get("launch"), scope: EHR_LAUNCH_SCOPE });
    return;
  }
  showStandaloneForm();
}

// ---- Step 1: discovery, PKCE and the authorization redirect ----

async function startLaunch({ iss, launch, scope }) {
  setStatus(`Reading SMART configuration from ${iss} …`);
  const discovery = await getJson(`${trimSlash(iss)}/.well-known/smart-configuration`);
  if (!discovery.authorization_endpoint || !discovery.token_endpoint) {
    throw new Error("The SMART configuration has no authorization_endpoint or token_endpoint.");
  }

  // PKCE (RFC 7636): the verifier stays in this browser tab, only its S256 hash travels.
  const codeVerifier = randomToken(32);
  const codeChallenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier))));
  const state = randomToken(16);
  sessionStorage.setItem(STATE_PREFIX + state, JSON.stringify({ iss, launch, scope, codeVerifier, discovery }));

  const authorize = new URL(discovery.authorization_endpoint);
  const parameters = {
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope,
    state,
    aud: iss,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
  };
  if (launch) {
    parameters.launch = launch;
  }
  for (const [name, value] of Object.entries(parameters)) {
    authorize.searchParams.set(name, value);
  }

  setStatus("Redirecting to the authorization server …");
  location.assign(authorize.href);
}

// ---- Step 2: state check and code exchange ----

async function completeLaunch(query) {
  const state = query.get("state");
  const saved = state && sessionStorage.getItem(STATE_PREFIX + state);
  if (!saved) {
    throw new Error("The state in the redirect matches no launch started in this tab. Start the launch again.");
  }
  sessionStorage.removeItem(STATE_PREFIX + state);
  history.replaceState(null, "", REDIRECT_URI);

  const launch = JSON.parse(saved);
  setStatus("Exchanging the authorization code for tokens …");
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: query.get("code"),
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: launch.codeVerifier,
  });
  const response = await fetch(launch.discovery.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body,
  });
  const token = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`Token request failed with HTTP ${response.status}: ${token.error ?? ""} ${token.error_description ?? ""}`);
  }

  await showLaunch(launch, state, token);
}

// ---- Step 3: show what the launch delivered ----

async function showLaunch(launch, state, token) {
  setStatus("Launch complete.");
  const idToken = token.id_token ? decodeJwt(token.id_token) : null;
  addSection("Launch parameters", json({ iss: launch.iss, launch: launch.launch ?? null, requested_scope: launch.scope, state, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID }));
  addSection("Discovery (.well-known/smart-configuration)", json(launch.discovery));
  addSection("Token response", json(token));
  addSection("Access token (decoded)", json(decodeJwt(token.access_token) ?? "The access token is not a JWT."));
  addSection("ID token (decoded)", json(idToken ?? "No id_token: request the openid and fhirUser scopes to get one."));

  const fhir = (path) => getJson(`${trimSlash(launch.iss)}/${path}`, token.access_token);
  await showContext(launch, token, idToken, fhir);
  if (token.patient) {
    await showSearches(token.patient, fhir);
  }
}

async function showContext(launch, token, idToken, fhir) {
  const context = { patient: token.patient, encounter: token.encounter };
  for (const [name, id] of Object.entries(context)) {
    if (id) {
      const type = name === "patient" ? "Patient" : "Encounter";
      addSection(`Context ${name}: ${type}/${id}`, await readOrExplain(() => fhir(`${type}/${encodeURIComponent(id)}`)));
    }
  }
  const fhirUser = idToken?.payload?.fhirUser;
  if (fhirUser) {
    // fhirUser may be absolute or relative to the FHIR base URL.
    const url = /^https?:/.test(fhirUser) ? fhirUser : `${trimSlash(launch.iss)}/${fhirUser}`;
    addSection(`fhirUser: ${fhirUser}`, await readOrExplain(() => getJson(url, token.access_token)));
  }
  if (token.fhirContext) {
    addSection("fhirContext", json(token.fhirContext));
  }
}

async function showSearches(patientId, fhir) {
  const patient = encodeURIComponent(patientId);
  const searches = [
    ["Vital signs", `Observation?patient=${patient}&category=vital-signs&_sort=-date&_count=10`, summarizeObservation],
    ["Conditions", `Condition?patient=${patient}&_count=20`, summarizeCondition],
    ["Medication requests", `MedicationRequest?patient=${patient}&_count=20`, summarizeMedication],
  ];
  for (const [title, query, summarize] of searches) {
    try {
      const bundle = await fhir(query);
      const rows = (bundle.entry ?? []).map((entry) => entry.resource).filter(Boolean).map(summarize);
      addSection(`${title}: GET ${query}`, table(rows), json(bundle));
    } catch (error) {
      addSection(`${title}: GET ${query}`, errorText(error.message));
    }
  }
}

// ---- Summaries of search results ----

function summarizeObservation(observation) {
  const components = (observation.component ?? []).map((component) => quantityText(component.valueQuantity));
  return {
    when: observation.effectiveDateTime ?? "",
    what: conceptText(observation.code),
    value: components.length > 0 ? components.join(" / ") : quantityText(observation.valueQuantity),
  };
}

function summarizeCondition(condition) {
  return {
    what: conceptText(condition.code),
    status: conceptText(condition.clinicalStatus),
    onset: condition.onsetDateTime ?? "",
  };
}

function summarizeMedication(request) {
  return {
    medication: conceptText(request.medicationCodeableConcept),
    status: request.status ?? "",
    dosage: request.dosageInstruction?.[0]?.text ?? "",
  };
}

function conceptText(concept) {
  return concept?.text ?? concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code ?? "";
}

function quantityText(quantity) {
  return quantity ? `${quantity.value} ${quantity.unit ?? quantity.code ?? ""}`.trim() : "";
}

// ---- Protocol helpers ----

async function getJson(url, accessToken) {
  const headers = { Accept: "application/fhir+json, application/json" };
  if (accessToken) {
    headers.Authorization = `Bearer ${accessToken}`;
  }
  const response = await fetch(url, { headers });
  if (!response.ok) {
    throw new Error(`GET ${url} failed with HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`);
  }
  return response.json();
}

async function readOrExplain(read) {
  try {
    return json(await read());
  } catch (error) {
    return errorText(error.message);
  }
}

function decodeJwt(token) {
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3) {
    return null;
  }
  const decodePart = (part) => JSON.parse(new TextDecoder().decode(fromBase64Url(part)));
  return { header: decodePart(parts[0]), payload: decodePart(parts[1]) };
}

function randomToken(byteCount) {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

function base64Url(bytes) {
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
}

function trimSlash(url) {
  return url.replace(/\/+$/, "");
}

// ---- Page rendering (textContent only, so no received value is ever parsed as HTML) ----

function showStandaloneForm() {
  setStatus("No launch in progress. Start a standalone launch, or launch this app from the EHR.");
  document.getElementById("iss").value = `${location.origin}/fhir`;
  document.getElementById("scope").value = STANDALONE_SCOPE;
  document.getElementById("standalone").hidden = false;
  document.getElementById("standalone-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const iss = document.getElementById("iss").value.trim();
    const scope = document.getElementById("scope").value.trim();
    startLaunch({ iss, launch: null, scope }).catch((error) => showError(error.message));
  });
}

function setStatus(text) {
  const status = document.getElementById("status");
  status.className = "";
  status.textContent = text;
}

function showError(message) {
  const status = document.getElementById("status");
  status.className = "error";
  status.textContent = message;
}

function addSection(title, content, raw) {
  const section = document.createElement("section");
  const heading = document.createElement("h2");
  heading.textContent = title;
  section.append(heading, content);
  if (raw) {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Raw JSON";
    details.append(summary, raw);
    section.append(details);
  }
  document.getElementById("results").append(section);
}

function json(value) {
  const pre = document.createElement("pre");
  pre.textContent = JSON.stringify(value, null, 2);
  return pre;
}

function errorText(message) {
  const paragraph = document.createElement("p");
  paragraph.className = "error";
  paragraph.textContent = message;
  return paragraph;
}

function table(rows) {
  if (rows.length === 0) {
    const empty = document.createElement("p");
    empty.textContent = "No results.";
    return empty;
  }
  const element = document.createElement("table");
  const header = element.createTHead().insertRow();
  for (const name of Object.keys(rows[0])) {
    const cell = document.createElement("th");
    cell.textContent = name;
    header.append(cell);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const value of Object.values(row)) {
      line.insertCell().textContent = value;
    }
  }
  return element;
}
