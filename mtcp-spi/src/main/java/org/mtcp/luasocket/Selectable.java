package org.mtcp.luasocket;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What {@code socket.select} needs of an object: its descriptor ({@code getfd}, negative to be skipped)
 * and whether it has buffered data ({@code dirty}). {@link Tcp} is one; a binding may wrap its own.
 */
// Implemented by users of the API (a Lua binding, a caller's own selectable): a new method breaks them.
@ConsumerType
public interface Selectable {
    /** The descriptor to wait on; negative means "skip this object". */
    int getfd();

    /** True when data is already buffered, so the object counts as readable without waiting. */
    boolean dirty();
}
