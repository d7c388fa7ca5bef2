/**
 * RFC 9457 problem details for every service: stable {@code type} URIs ({@link io.servicequality.web.problem.ProblemTypes}),
 * the exceptions a feature throws ({@link io.servicequality.web.problem.Problems}) and the one advice that turns every
 * failure into {@code application/problem+json} ({@link io.servicequality.web.problem.ProblemDetailsAdvice}).
 */
package io.servicequality.web.problem;
