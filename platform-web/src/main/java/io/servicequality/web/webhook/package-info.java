/** Standard Webhooks signing, shared by every service that sends webhooks. */
package io.servicequality.web.webhook;
