'use strict';
// API reference: Herald's OpenAPI document (/api/v1/openapi.json) rendered with Swagger UI, served
// from Herald itself (no CDN). "Try it out" calls the API with this page's session, as the UI does.
Herald.page({ title: 'API reference' }, async main => {
  const { el } = Herald;
  const ui = el('div', { id: 'swagger-ui' });
  main.append(el('p', { class: 'muted' }, 'Every call of Herald\'s HTTP API. Programs authenticate with HTTP Basic or an API key ',
    '(Settings → API keys); the document itself is ', el('a', { href: '/api/v1/openapi.json', id: 'openapi-link' }, '/api/v1/openapi.json'),
    ', for generating a client.'), ui);
  SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    domNode: ui,
    deepLinking: true,
    validatorUrl: null, // never ask a validator elsewhere
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    showExtensions: true, // x-herald-role: the least role each operation needs
    // a session's changes need its CSRF token, like every change the admin UI makes
    requestInterceptor: request => {
      if (!['GET', 'HEAD', 'OPTIONS'].includes(String(request.method).toUpperCase())) {
        request.headers['X-CSRF-Token'] = Herald.me().csrf;
      }
      return request;
    },
  });
});
