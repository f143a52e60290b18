/**
 * The benchmark's yardstick on the JVM: the chat a developer writes in an afternoon, deployed beside the WAR
 * on the same WildFly as {@code naive.war} by the {@code bench} profile. It speaks the same subset of the
 * protocol as the Node peer (sign-in, welcome, join, send → message + ack), keeps rooms in memory, and sends
 * each message with {@code getAsyncRemote().sendText} to every member: no store, no checks, no limits, no
 * send queue of its own. Not part of the product; nothing else imports it.
 */
package dev.chatwar.naive;
