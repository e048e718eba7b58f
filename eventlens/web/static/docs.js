// Swagger UI from the npm copy the app serves itself; no validator badge (it would call an outside service).
(function () {
  "use strict";
  var el = document.getElementById("swagger-ui");
  if (!window.SwaggerUIBundle || !el) { return; }
  window.ui = window.SwaggerUIBundle({
    url: el.getAttribute("data-spec"),
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: true
  });
})();
