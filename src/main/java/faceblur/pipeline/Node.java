package faceblur.pipeline;

import java.lang.management.ManagementFactory;

/** This process's name in the history: pid@host, so that several nodes on one machine stay apart. */
final class Node {

    static final String NAME = ManagementFactory.getRuntimeMXBean().getName();

    private Node() {
    }
}
