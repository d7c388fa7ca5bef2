/**
 * The staff console's backend-for-frontend: OpenID Connect sign-in (authorization code and PKCE) with the tokens
 * kept in the server-side session ({@link io.servicequality.console.ConsoleSecurity}), the platform's API relayed to
 * the service that owns each path with the signed-in user's access token ({@link io.servicequality.console.ApiRoutes}),
 * and who is signed in for the browser ({@link io.servicequality.console.SessionController}). The browser's
 * JavaScript never sees a token: it holds a session cookie (HttpOnly) and a CSRF token.
 */
package io.servicequality.console;
