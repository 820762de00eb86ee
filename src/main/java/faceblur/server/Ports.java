package faceblur.server;

import faceblur.FaceblurException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Whether a server can listen where it is asked to, told in one line before anything starts. */
public final class Ports {

    private Ports() {
    }

    /**
     * Fails with the reason and what to do when {@code host:port} cannot be listened on (a port in use, an address
     * not of this machine); port 0 always can.
     */
    public static void requireFree(String host, int port, String option) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new FaceblurException("cannot listen on " + host + ": unknown host; give an address of this "
                    + "machine with --host, such as 127.0.0.1");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new FaceblurException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): another program may be using it; choose another with " + option + " (0 picks a free one)");
        }
    }
}
