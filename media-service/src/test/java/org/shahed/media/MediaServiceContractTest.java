package org.shahed.media;

import org.shahed.testing.LocalTimeStampAuthority;
import org.shahed.testing.RealInfraResource;
import org.shahed.testing.ServiceContractTest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link ServiceContractTest} for the media service; also registers the real servers and a local time-stamping
 * authority for all of this module's tests.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "media"))
@WithTestResource(value = LocalTimeStampAuthority.class, scope = TestResourceScope.GLOBAL)
class MediaServiceContractTest extends ServiceContractTest {
}
