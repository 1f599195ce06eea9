# The image the kustomize manifests run: build the jar first (mvn -B package -DskipTests), then
#   docker build -t notification-hub .
# Spring Boot's layers (dependencies, loader, snapshots, application) become image layers, so a
# code change rebuilds only the small application layer.
FROM eclipse-temurin:21-jre AS layers
WORKDIR /layers
COPY target/notification-hub.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app hub
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
