package org.shahed.gateway;

import org.shahed.testing.RealInfraResource;
import org.shahed.testing.ServiceContractTest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@link ServiceContractTest} for the gateway; also registers the real servers for all of this module's tests. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "gateway"), @ResourceArg(name = "signs-tokens", value = "true") })
class GatewayContractTest extends ServiceContractTest {
    @Override
    protected boolean publishesEvents() {
        return false;
    }
}
