package faceblur;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file operation failed, in words for a one-line message. Java's file exceptions carry the path as their
 * message and the operating system's reason apart; a message built from {@code getMessage()} names a file
 * (often a temporary one) and not the reason.
 */
public final class FileErrors {

    private FileErrors() {
    }

    /** "permission denied", "read-only file system", "no such file or folder", …. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * {@code message} with the local file {@code local} (and the folder it is in) named as {@code publicName}: a
     * server's answers name the object a client gave, never the server's own folders.
     */
    public static String naming(String message, Path local, String publicName) {
        String named = message.replace(local.toAbsolutePath().toString(), publicName).replace(local.toString(),
                publicName);
        Path folder = local.toAbsolutePath().getParent();
        return folder == null ? named : named.replace(folder.toString(), "(work folder)");
    }
}
