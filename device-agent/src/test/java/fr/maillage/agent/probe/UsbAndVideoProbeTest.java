package fr.maillage.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsbAndVideoProbeTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("a USB peripheral present and configured in sysfs is OK, with its product name and speed")
    void usbPresent() throws IOException {
        Path sysfs = usbDevice("1-1.2", "0c45", "6340", "1", "USB Camera");
        usbDevice("1-1.3", "046d", "0825", "1", "Webcam C270");

        ProbeReading reading = new UsbProbeConfig(sysfs, "0c45:6340", DeviceKind.CAMERA, "caméra").create().read();

        assertThat(reading.health()).isEqualTo(Health.OK);
        assertThat(reading.deviceId()).isEqualTo("usb-0c45:6340");
        assertThat(reading.detail()).contains("USB Camera").contains("1-1.2");
        assertThat(reading.measurements()).containsEntry("speedMbps", 480.0);
    }

    @Test
    @DisplayName("a USB peripheral enumerated but not configured is DEGRADED, an absent one DOWN")
    void usbNotConfiguredOrAbsent() throws IOException {
        Path sysfs = usbDevice("2-1", "0c45", "6340", "", "USB Camera");

        assertThat(new UsbProbeConfig(sysfs, "0c45:6340", DeviceKind.CAMERA, null).create().read().health())
                .isEqualTo(Health.DEGRADED);
        ProbeReading absent = new UsbProbeConfig(sysfs, "1234:abcd", DeviceKind.STETHOSCOPE, "stéthoscope")
                .create().read();
        assertThat(absent.health()).isEqualTo(Health.DOWN);
        assertThat(absent.detail()).isEqualTo("stéthoscope not connected");
    }

    @Test
    @DisplayName("a missing sysfs directory is DOWN, not an exception")
    void sysfsMissing() {
        ProbeReading reading =
                new UsbProbeConfig(root.resolve("nope"), "0c45:6340", DeviceKind.CAMERA, null).create().read();
        assertThat(reading.health()).isEqualTo(Health.DOWN);
    }

    @Test
    @DisplayName("video: enough readable nodes OK, fewer than expected DEGRADED, unreadable DEGRADED, none DOWN")
    void video() throws IOException {
        Path dev = Files.createDirectories(root.resolve("dev"));
        Files.createFile(dev.resolve("null"));
        assertThat(new VideoProbeConfig(dev, 1).create().read().health()).isEqualTo(Health.DOWN);

        Files.createFile(dev.resolve("video0"));
        assertThat(new VideoProbeConfig(dev, 2).create().read().health()).isEqualTo(Health.DEGRADED);

        Files.createFile(dev.resolve("video1"));
        ProbeReading ok = new VideoProbeConfig(dev, 2).create().read();
        assertThat(ok.health()).isEqualTo(Health.OK);
        assertThat(ok.measurements()).containsEntry("devices", 2.0);

        Files.setPosixFilePermissions(dev.resolve("video1"), PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(dev.resolve("video1"))) {
            assertThat(new VideoProbeConfig(dev, 2).create().read().detail()).contains("not readable");
        }
    }

    private Path usbDevice(String name, String vendor, String product, String configuration, String label)
            throws IOException {
        Path sysfs = root.resolve("sys/bus/usb/devices");
        Path dir = Files.createDirectories(sysfs.resolve(name));
        Files.writeString(dir.resolve("idVendor"), vendor + "\n");
        Files.writeString(dir.resolve("idProduct"), product + "\n");
        Files.writeString(dir.resolve("bConfigurationValue"), configuration + "\n");
        Files.writeString(dir.resolve("product"), label + "\n");
        Files.writeString(dir.resolve("speed"), "480\n");
        return sysfs;
    }
}
