import { Module } from '@nestjs/common';
import { DocumentsCoreModule } from '@vanthu/server/documents';

import { ExchangeActions } from './api/exchange-actions.service';
import { ExchangeAdminController, ExchangeController } from './api/exchange.controller';
import { ExternalOrganisations } from './directory/external-organisations.service';
import { PacketImporter } from './inbound/packet-import.service';
import { PacketBuilder } from './outbound/packet-builder';
import { PacketOutbox } from './outbound/packet-outbox.service';

/**
 * Exchange with other e-office systems, API side: the HTTP adapter's receiving endpoint, the
 * clerk's inbox, outbox and actions, the external directory. Needs the DatabaseModule and the
 * configuration; asks the document route (its public module) to hold documents from outside.
 */
@Module({
  imports: [DocumentsCoreModule],
  controllers: [ExchangeController, ExchangeAdminController],
  providers: [ExternalOrganisations, PacketBuilder, PacketOutbox, PacketImporter, ExchangeActions],
  exports: [PacketImporter, PacketOutbox, PacketBuilder, ExternalOrganisations],
})
export class ExchangeModule {}
