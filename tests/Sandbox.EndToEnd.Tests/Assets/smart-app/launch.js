// The launch page of the test app. The app's settings come from its own query string, which
// is part of the registered launch URL, so one app page serves every registered test client.
(function () {
  const query = new URLSearchParams(window.location.search);
  const options = {
    clientId: query.get("client_id"),
    scope: query.get("scope"),
    redirectUri: "index.html",
  };
  if (query.get("client_secret")) {
    options.clientSecret = query.get("client_secret");
  }
  // A standalone launch has no iss from an EHR: the test passes the FHIR base as fhir_base.
  if (!query.get("iss") && query.get("fhir_base")) {
    options.iss = query.get("fhir_base");
  }
  FHIR.oauth2.authorize(options).catch(function (error) {
    document.getElementById("status").textContent = "Launch failed: " + error.message;
  });
})();
