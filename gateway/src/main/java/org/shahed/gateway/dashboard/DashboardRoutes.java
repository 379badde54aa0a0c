package org.shahed.gateway.dashboard;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The reference dashboard (module dashboard) is static files under /dashboard/, served as any web resource; its
 * files refer to each other relatively, so the bare path leads to the folder.
 */
@ApplicationScoped
public class DashboardRoutes {
    void install(@Observes Router router) {
        // A regular expression: a plain path would also match /dashboard/ (trailing slashes are optional there).
        router.routeWithRegex(HttpMethod.GET, "/dashboard").handler(context -> context.redirect("/dashboard/"));
    }
}
