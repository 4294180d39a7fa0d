package io.deltasql.core.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AzureLocationTest {
    @Test
    void abfssPathsSplitIntoContainerAccountAndBlobName() {
        AzureLocation l = AzureLocation.parse("abfss://lake@acct1.dfs.core.windows.net/sales/t/_delta_log/0.json");
        assertThat(l.container()).isEqualTo("lake");
        assertThat(l.account()).isEqualTo("acct1");
        assertThat(l.blobName()).isEqualTo("sales/t/_delta_log/0.json");
        assertThat(l.name()).isEqualTo("0.json");
        assertThat(l.parent().uri()).isEqualTo("abfss://lake@acct1.dfs.core.windows.net/sales/t/_delta_log");
        assertThat(l.parent().directoryPrefix()).isEqualTo("sales/t/_delta_log/");
        assertThat(l.endpointSuffix()).contains("core.windows.net");
    }

    @Test
    void theCallersSchemeAndHostAreKeptAndSlashesNormalised() {
        AzureLocation l = AzureLocation.parse("WASBS://lake@acct1.blob.core.windows.net//t//_delta_log/");
        assertThat(l.uri()).isEqualTo("WASBS://lake@acct1.blob.core.windows.net/t/_delta_log");
        assertThat(l.child("x.json").uri()).isEqualTo("WASBS://lake@acct1.blob.core.windows.net/t/_delta_log/x.json");

        AzureLocation root = AzureLocation.parse("abfs://lake@acct1.dfs.core.windows.net/");
        assertThat(root.uri()).isEqualTo("abfs://lake@acct1.dfs.core.windows.net");
        assertThat(root.directoryPrefix()).isEmpty();
        assertThat(root.child("t").blobName()).isEqualTo("t");
        assertThatThrownBy(root::parent).hasMessageContaining("is a container");
    }

    @Test
    void otherCloudsKeepTheirSuffixAndSettingsAreLookedUpUnderEveryHostName() {
        AzureLocation china = AzureLocation.parse("abfss://lake@acct1.dfs.core.chinacloudapi.cn/t");
        assertThat(china.endpointSuffix()).contains("core.chinacloudapi.cn");
        assertThat(china.settingHosts())
                .containsExactly("acct1.dfs.core.chinacloudapi.cn", "acct1.blob.core.chinacloudapi.cn");

        AzureLocation privateHost = AzureLocation.parse("abfss://lake@acct1.example.internal/t");
        assertThat(privateHost.endpointSuffix()).isEmpty();
        assertThat(privateHost.settingHosts())
                .containsExactly("acct1.example.internal", "acct1.dfs.core.windows.net", "acct1.blob.core.windows.net");
    }

    @Test
    void blobUrlsNameTheContainerAsTheirFirstSegment() {
        AzureLocation l = AzureLocation.parse("https://acct1.blob.core.windows.net/lake//sales/t/_delta_log/");
        assertThat(l.container()).isEqualTo("lake");
        assertThat(l.account()).isEqualTo("acct1");
        assertThat(l.blobName()).isEqualTo("sales/t/_delta_log");
        assertThat(l.uri()).isEqualTo("https://acct1.blob.core.windows.net/lake/sales/t/_delta_log");
        assertThat(l.child("0.json").uri())
                .isEqualTo("https://acct1.blob.core.windows.net/lake/sales/t/_delta_log/0.json");
        assertThat(l.endpointSuffix()).contains("core.windows.net");

        AzureLocation container = AzureLocation.parse("https://acct1.dfs.core.windows.net/lake");
        assertThat(container.blobName()).isEmpty();
        assertThat(container.uri()).isEqualTo("https://acct1.dfs.core.windows.net/lake");

        assertThat(AzureLocation.isAzure("https://acct1.blob.core.windows.net/lake/t"))
                .isTrue();
        assertThat(AzureLocation.isAzure("https://example.com/lake/t")).isFalse();
        assertThat(AzureLocation.isAzure("http://acct1.blob.core.windows.net/lake/t"))
                .isFalse();
        assertThatThrownBy(() -> AzureLocation.parse("https://acct1.blob.core.windows.net/"))
                .hasMessageContaining("without a container");
        assertThatThrownBy(() -> AzureLocation.parse("https://acct1.blob.core.windows.net/La_ke/t"))
                .hasMessageContaining("'La_ke'");
    }

    @Test
    void malformedLocationsAreRefusedByName() {
        assertThat(AzureLocation.isAzure("s3://bucket/t")).isFalse();
        assertThat(AzureLocation.isAzure("/local/t")).isFalse();
        assertThatThrownBy(() -> AzureLocation.parse("s3://bucket/t")).hasMessageContaining("not an Azure location");
        assertThatThrownBy(() -> AzureLocation.parse("abfss://acct1.dfs.core.windows.net/t"))
                .hasMessageContaining("without a container");
        assertThatThrownBy(() -> AzureLocation.parse("abfss://lake@Acct_1.dfs.core.windows.net/t"))
                .hasMessageContaining("'Acct_1'");
        assertThatThrownBy(() -> AzureLocation.parse("abfss://la--ke@acct1.dfs.core.windows.net/t"))
                .hasMessageContaining("'la--ke'");
        assertThatThrownBy(() -> AzureLocation.parse("abfss://lake-@acct1.dfs.core.windows.net/t"))
                .hasMessageContaining("'lake-'");
    }

    @Test
    void redactionCutsQueriesAndSignaturesFromMessages() {
        String message = "GET https://acct1.blob.core.windows.net/lake/t?sv=2024-01-01&sig=AbC%2Bdef&se=x failed;"
                + " retry with sig=XYZ&sp=r";
        assertThat(AzureErrors.redact(message))
                .isEqualTo("GET https://acct1.blob.core.windows.net/lake/t failed; retry with sig=***&sp=r");
    }
}
