package org.shahed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * Finds REST endpoints that do not name the roles allowed to call them. DEVELOPERS.md: every endpoint needs a
 * role, and only the five roles exist. Services also deny unannotated endpoints at run time; this check makes the
 * omission fail the build instead of showing up as a 403 in production.
 */
public final class EndpointRoles {
    private static final Set<String> ROLES = Set.of("partner", "ingest", "analyst", "reviewer", "admin");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final Set<DotName> HTTP_METHODS = Set.of(
            DotName.createSimple("jakarta.ws.rs.GET"), DotName.createSimple("jakarta.ws.rs.POST"),
            DotName.createSimple("jakarta.ws.rs.PUT"), DotName.createSimple("jakarta.ws.rs.DELETE"),
            DotName.createSimple("jakarta.ws.rs.PATCH"), DotName.createSimple("jakarta.ws.rs.HEAD"),
            DotName.createSimple("jakarta.ws.rs.OPTIONS"));

    private EndpointRoles() {
    }

    /** Every endpoint method under {@code classesDir} lacking {@code @RolesAllowed} with known roles. */
    public static List<String> violations(Path classesDir) {
        Index index = index(classesDir);
        List<String> violations = new ArrayList<>();
        for (ClassInfo type : index.getKnownClasses()) {
            AnnotationInstance classRoles = type.declaredAnnotation(ROLES_ALLOWED);
            for (MethodInfo method : type.methods()) {
                boolean endpoint = method.hasDeclaredAnnotation(PATH)
                        || HTTP_METHODS.stream().anyMatch(method::hasDeclaredAnnotation);
                if (!endpoint) {
                    continue;
                }
                AnnotationInstance roles = method.hasDeclaredAnnotation(ROLES_ALLOWED)
                        ? method.declaredAnnotation(ROLES_ALLOWED)
                        : classRoles;
                String where = type.name() + "#" + method.name();
                if (roles == null || roles.value() == null || roles.value().asStringArray().length == 0) {
                    violations.add(where + " has no @RolesAllowed");
                } else {
                    for (String role : roles.value().asStringArray()) {
                        if (!ROLES.contains(role)) {
                            violations.add(where + " allows unknown role '" + role + "'");
                        }
                    }
                }
            }
        }
        return violations;
    }

    private static Index index(Path classesDir) {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexer.complete();
    }
}
