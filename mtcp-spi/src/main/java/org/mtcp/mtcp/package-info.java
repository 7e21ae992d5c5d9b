/** Phil Leblanc's fd-based mtcp functions over a transport: {@link org.mtcp.mtcp.Mtcp}. */
// The package's own semantic version (OSGi Export-Package), independent of the project version: bnd
// baselining says when a change needs a minor or major step.
@Version("0.1.0")
package org.mtcp.mtcp;

import org.osgi.annotation.versioning.Version;
