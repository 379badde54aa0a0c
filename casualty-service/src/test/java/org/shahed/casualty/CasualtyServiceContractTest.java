package org.shahed.casualty;

import org.shahed.testing.RealInfraResource;
import org.shahed.testing.ServiceContractTest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@link ServiceContractTest} for the casualty service; also registers the real servers for all of this module's tests. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "casualty"))
class CasualtyServiceContractTest extends ServiceContractTest {
}
