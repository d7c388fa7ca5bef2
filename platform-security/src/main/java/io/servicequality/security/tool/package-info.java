/** Command-line tools of the local stack: key pair generation and token signing for staff JWTs. */
package io.servicequality.security.tool;
