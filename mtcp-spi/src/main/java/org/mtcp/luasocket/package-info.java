/** LuaSocket's TCP objects over a transport: {@link org.mtcp.luasocket.LuaSocket}, {@link org.mtcp.luasocket.Tcp}. */
// The package's own semantic version (OSGi Export-Package), independent of the project version: bnd
// baselining says when a change needs a minor or major step.
@Version("0.1.0")
package org.mtcp.luasocket;

import org.osgi.annotation.versioning.Version;
