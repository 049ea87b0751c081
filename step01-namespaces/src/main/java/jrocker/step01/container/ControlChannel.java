package jrocker.step01.container;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * One end of the jrocker ⇄ init conversation ({@link Message} draws it). Named methods such as
 * {@link #awaitReady()} turn an unexpected message into a clear error instead of a wrong step.
 */
public final class ControlChannel implements AutoCloseable {
    private final SocketChannel socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    public ControlChannel(SocketChannel socket) {
        this.socket = socket;
        this.in = new DataInputStream(Channels.newInputStream(socket));
        this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(socket)));
    }

    public void send(Message message) throws IOException {
        Wire.write(out, message);
        out.flush();
    }

    /** The next message, or empty at the end of the stream (the other side closed, or exec'd). */
    public Optional<Message> receive() throws IOException {
        try {
            return Optional.of((Message) Wire.read(in));
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    /**
     * The next message, or {@code failure} at the end of the stream. (No lambdas on the init's path: the
     * first lambda a JVM meets costs it milliseconds of bootstrapping, on every container start.)
     */
    private Message receiveOr(RuntimeException failure) throws IOException {
        Optional<Message> message = receive();
        if (message.isEmpty()) {
            throw failure;
        }
        return message.get();
    }

    /** init side: the first message must be Start. */
    public InitPlan awaitStart() throws IOException {
        Message message = receiveOr(new IllegalStateException("jrocker closed the channel before Start"));
        if (message instanceof Message.Start start) {
            return start.plan();
        }
        throw new IOException("expected Start from jrocker, got " + message);
    }

    /** jrocker side: Ready, or the init's reason for giving up. Returns the init's host PID. */
    public long awaitReady() throws IOException {
        Message message = receiveOr(ContainerException.runtime("the container's init exited before it was ready"));
        if (message instanceof Message.Failed failed) {
            throw new ContainerException(failed.exitCode(), failed.message());
        }
        if (message instanceof Message.Ready ready) {
            return ready.hostPid();
        }
        throw new IOException("expected Ready from the init, got " + message);
    }

    /** init side: wait for Go. */
    public void awaitGo() throws IOException {
        Message message = receiveOr(new IllegalStateException("jrocker closed the channel before Go"));
        if (!(message instanceof Message.Go)) {
            throw new IOException("expected Go from jrocker, got " + message);
        }
    }

    /** jrocker side, after Go: the end of the stream means exec succeeded; a Failed message means it did not. */
    public void awaitExec() throws IOException {
        Optional<Message> message = receive();
        if (message.isPresent()) {
            if (message.get() instanceof Message.Failed failed) {
                throw new ContainerException(failed.exitCode(), failed.message());
            }
            throw new IOException("expected the init to exec, got " + message.get());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
