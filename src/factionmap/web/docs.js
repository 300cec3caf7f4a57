"use strict";
window.addEventListener("DOMContentLoaded", () => {
  if (window.SwaggerUIBundle) window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
