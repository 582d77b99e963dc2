// The redirect page of the test app: completes the SMART launch with fhirclient.js, then shows
// what the token lets it read. #done is filled last, so a test waits for it before checking.
(function () {
  function show(id, text) {
    document.getElementById(id).textContent = text;
  }

  function formatName(patient) {
    const name = (patient.name || [])[0] || {};
    return [(name.given || []).join(" "), name.family || ""].join(" ").trim();
  }

  function listObservations(observations) {
    const list = document.getElementById("observations");
    observations.forEach(function (observation) {
      const item = document.createElement("li");
      item.className = "observation";
      item.dataset.id = observation.id;
      item.dataset.subject = (observation.subject || {}).reference || "";
      item.textContent = ((observation.code || {}).text || observation.id);
      list.appendChild(item);
    });
    show("observation-count", String(observations.length));
  }

  async function run(client) {
    const patient = await client.patient.read();
    show("patient-name", formatName(patient));
    show("patient-id", patient.id);
    show("encounter-id", client.encounter.id || "none");
    const observations = await client.request("Observation?patient=" + encodeURIComponent(patient.id), {
      flat: true,
      pageLimit: 0,
    });
    listObservations(observations);
  }

  FHIR.oauth2.ready()
    .then(run)
    .catch(function (error) {
      show("error", error.message || String(error));
    })
    .finally(function () {
      show("done", "done");
    });
})();
