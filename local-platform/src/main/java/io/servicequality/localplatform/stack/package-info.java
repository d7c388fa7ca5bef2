/**
 * What the local stack is, shared by every command of the launcher: its settings from the environment, its seven
 * processes (how each starts, where it listens, when it is ready), the pid files that say which of them run, and the
 * {@code [platform]} lines the launcher prints.
 */
package io.servicequality.localplatform.stack;
