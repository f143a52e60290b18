package dev.chatwar.history;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores an {@link Instant} in a {@code timestamp with time zone} column as a UTC OffsetDateTime, the type
 * both providers bind to such a column; EclipseLink hands it back as that type whatever the converter says.
 */
@Converter
public class UtcOffsetInstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime stored) {
        return stored == null ? null : stored.toInstant();
    }
}
