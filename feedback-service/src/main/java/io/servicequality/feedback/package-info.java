/**
 * feedback-service: accepts customers' feedback from external apps, makes it durable on the Kafka log before
 * answering, and keeps its own MongoDB projection of what the log holds.
 */
package io.servicequality.feedback;
