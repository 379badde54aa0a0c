package org.shahed.incident.thesaurus;

import java.io.Serializable;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One term of a controlled vocabulary. Terms are deactivated, never deleted: old records keep their codes. */
@Entity
@Table(name = "thesaurus_term")
@IdClass(ThesaurusTerm.Key.class)
public class ThesaurusTerm extends PanacheEntityBase {
    @Id
    public String vocabulary;
    @Id
    public String code;
    @Column(name = "label_en")
    public String labelEn;
    @Column(name = "label_ar")
    public String labelAr;
    public String description;
    public boolean active;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public record Key(String vocabulary, String code) implements Serializable {
    }
}
